import { formatCents } from '../../lks-calculation/domain';

/** ISO 20022 pain.001.001.03 (SEPA credit transfer initiation), the batch format Dutch banks accept. */
export const PAIN_001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

export interface SepaTransfer {
  /** Max 35 characters; identifies run and payee end to end. */
  endToEndId: string;
  amountCents: number;
  creditorName: string;
  creditorIban: string;
  creditorBic: string | null;
  /** Unstructured remittance information, max 140 characters. */
  remittance: string;
}

/** What the group header states before the first transfer is written. */
export interface SepaHeader {
  messageId: string;
  createdAt: Date;
  executionDate: string;
  debtor: { name: string; iban: string; bic: string };
  /** Known up front so the header can be written before the transfers stream. */
  numberOfTransactions: number;
  controlSumCents: number;
}

export interface SepaBatch extends SepaHeader {
  transfers: Iterable<SepaTransfer>;
}

/**
 * The SEPA character set is Latin letters, digits and a few marks: accents are dropped
 * ("Kuçük Zorg" → "Kucuk Zorg") and anything else becomes a space, then cut to the field length.
 */
export function sepaText(value: string, max: number): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

// XML 1.0 Char production: tab, line feed, carriage return and the Unicode scalar values from
// U+0020 up, without U+FFFE/U+FFFF. Lone surrogates do not match the `u` flag's code points.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ESCAPED = /[&<>\r]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };

/**
 * Element text: the markup characters as entities, and carriage return as a character reference
 * (a parser would read a literal one as a line feed). A character XML cannot carry at all is
 * refused rather than written into a file the bank would reject as a whole.
 */
export function xmlText(value: string): string {
  const bad = NOT_XML_CHAR.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0) as number;
    throw new RangeError(`U+${code.toString(16).toUpperCase().padStart(4, '0')} cannot be written in XML`);
  }
  return value.replace(ESCAPED, (c) => ENTITY[c]);
}

/** `<name>text</name>` with the text escaped. */
function el(name: string, text: string): string {
  return `<${name}>${xmlText(text)}</${name}>`;
}

/** Declaration, group header and the payment information up to its first transfer. */
export function pain001Head(h: SepaHeader): string {
  const debtor = el('Nm', sepaText(h.debtor.name, 70));
  const counts = el('NbOfTxs', String(h.numberOfTransactions)) + el('CtrlSum', formatCents(h.controlSumCents));
  return (
    `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="${PAIN_001_NAMESPACE}"><CstmrCdtTrfInitn>` +
    `<GrpHdr>${el('MsgId', h.messageId)}${el('CreDtTm', h.createdAt.toISOString().slice(0, 19))}${counts}` +
    `<InitgPty>${debtor}</InitgPty></GrpHdr>` +
    `<PmtInf>${el('PmtInfId', h.messageId)}<PmtMtd>TRF</PmtMtd><BtchBookg>true</BtchBookg>${counts}` +
    `<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>${el('ReqdExctnDt', h.executionDate)}` +
    `<Dbtr>${debtor}</Dbtr><DbtrAcct><Id>${el('IBAN', h.debtor.iban)}</Id></DbtrAcct>` +
    `<DbtrAgt><FinInstnId>${el('BIC', h.debtor.bic)}</FinInstnId></DbtrAgt><ChrgBr>SLEV</ChrgBr>`
  );
}

/** One CdtTrfTxInf. */
export function pain001Transfer(t: SepaTransfer): string {
  const agent = t.creditorBic ? `<CdtrAgt><FinInstnId>${el('BIC', t.creditorBic)}</FinInstnId></CdtrAgt>` : '';
  return (
    `<CdtTrfTxInf><PmtId>${el('EndToEndId', t.endToEndId)}</PmtId>` +
    `<Amt><InstdAmt Ccy="EUR">${formatCents(t.amountCents)}</InstdAmt></Amt>${agent}` +
    `<Cdtr>${el('Nm', sepaText(t.creditorName, 70))}</Cdtr><CdtrAcct><Id>${el('IBAN', t.creditorIban)}</Id></CdtrAcct>` +
    `<RmtInf>${el('Ustrd', sepaText(t.remittance, 140))}</RmtInf></CdtTrfTxInf>`
  );
}

export const PAIN_001_TAIL = '</PmtInf></CstmrCdtTrfInitn></Document>';

/**
 * The file as a sequence of text pieces (head, one per transfer, tail) so a run of 100,000
 * transfers never exists in memory as one document. The header's count and control sum are stated
 * before the transfers arrive; if the transfers do not add up to them the file is refused at the
 * end (the caller's transaction then keeps nothing of it).
 */
export async function* pain001Pieces(
  header: SepaHeader,
  transfers: AsyncIterable<SepaTransfer> | Iterable<SepaTransfer>,
): AsyncGenerator<string> {
  yield pain001Head(header);
  let count = 0;
  let sum = 0;
  for await (const t of transfers) {
    if (!Number.isSafeInteger(t.amountCents) || t.amountCents <= 0) {
      throw new RangeError(`transfer ${t.endToEndId}: amount ${t.amountCents} is not a positive number of cents`);
    }
    count++;
    sum += t.amountCents;
    yield pain001Transfer(t);
  }
  if (count !== header.numberOfTransactions || sum !== header.controlSumCents) {
    throw new Error(
      `SEPA file ${header.messageId}: header states ${header.numberOfTransactions} transfers of ${formatCents(header.controlSumCents)}, ` +
        `the transfers are ${count} of ${formatCents(sum)}`,
    );
  }
  yield PAIN_001_TAIL;
}

/** The whole file in memory, for small batches (tests, samples). */
export async function pain001Buffer(batch: SepaBatch): Promise<Buffer> {
  const pieces: string[] = [];
  for await (const piece of pain001Pieces(batch, batch.transfers)) pieces.push(piece);
  return Buffer.from(pieces.join(''), 'utf8');
}
