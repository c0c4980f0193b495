import { createCB } from 'xmlbuilder2';
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

export interface SepaBatch {
  messageId: string;
  createdAt: Date;
  executionDate: string;
  debtor: { name: string; iban: string; bic: string };
  transfers: Iterable<SepaTransfer>;
  /** Known up front so the header can be written before the transfers stream. */
  numberOfTransactions: number;
  controlSumCents: number;
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

/**
 * Writes the file in chunks through `write` as it goes, so a run of 100,000 transfers never has to
 * exist in memory as one document.
 */
export function writePain001(batch: SepaBatch, write: (chunk: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xml = createCB({
      data: write,
      end: () => resolve(),
      error: reject,
      prettyPrint: false,
    });
    const amount = (cents: number) => formatCents(cents);
    xml.dec({ version: '1.0', encoding: 'UTF-8' });
    xml.ele(PAIN_001_NAMESPACE, 'Document').ele('CstmrCdtTrfInitn');
    xml.ele('GrpHdr');
    leaf(xml, 'MsgId', batch.messageId);
    leaf(xml, 'CreDtTm', batch.createdAt.toISOString().slice(0, 19));
    leaf(xml, 'NbOfTxs', String(batch.numberOfTransactions));
    leaf(xml, 'CtrlSum', amount(batch.controlSumCents));
    xml.ele('InitgPty');
    leaf(xml, 'Nm', sepaText(batch.debtor.name, 70));
    xml.up().up();
    xml.ele('PmtInf');
    leaf(xml, 'PmtInfId', batch.messageId);
    leaf(xml, 'PmtMtd', 'TRF');
    leaf(xml, 'BtchBookg', 'true');
    leaf(xml, 'NbOfTxs', String(batch.numberOfTransactions));
    leaf(xml, 'CtrlSum', amount(batch.controlSumCents));
    xml.ele('PmtTpInf').ele('SvcLvl');
    leaf(xml, 'Cd', 'SEPA');
    xml.up().up();
    leaf(xml, 'ReqdExctnDt', batch.executionDate);
    xml.ele('Dbtr');
    leaf(xml, 'Nm', sepaText(batch.debtor.name, 70));
    xml.up();
    xml.ele('DbtrAcct').ele('Id');
    leaf(xml, 'IBAN', batch.debtor.iban);
    xml.up().up();
    xml.ele('DbtrAgt').ele('FinInstnId');
    leaf(xml, 'BIC', batch.debtor.bic);
    xml.up().up();
    leaf(xml, 'ChrgBr', 'SLEV');
    for (const t of batch.transfers) {
      xml.ele('CdtTrfTxInf');
      xml.ele('PmtId');
      leaf(xml, 'EndToEndId', t.endToEndId);
      xml.up();
      xml.ele('Amt').ele('InstdAmt', { Ccy: 'EUR' }).txt(amount(t.amountCents)).up().up();
      if (t.creditorBic) {
        xml.ele('CdtrAgt').ele('FinInstnId');
        leaf(xml, 'BIC', t.creditorBic);
        xml.up().up();
      }
      xml.ele('Cdtr');
      leaf(xml, 'Nm', sepaText(t.creditorName, 70));
      xml.up();
      xml.ele('CdtrAcct').ele('Id');
      leaf(xml, 'IBAN', t.creditorIban);
      xml.up().up();
      xml.ele('RmtInf');
      leaf(xml, 'Ustrd', sepaText(t.remittance, 140));
      xml.up();
      xml.up();
    }
    xml.up().up().up();
    xml.end();
  });
}

function leaf(xml: ReturnType<typeof createCB>, name: string, text: string): void {
  xml.ele(name).txt(text).up();
}

export async function pain001Buffer(batch: SepaBatch): Promise<Buffer> {
  const chunks: string[] = [];
  await writePain001(batch, (chunk) => chunks.push(chunk));
  return Buffer.from(chunks.join(''), 'utf8');
}
