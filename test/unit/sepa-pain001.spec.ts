import fc from 'fast-check';
import { create } from 'xmlbuilder2';
import { validateXML } from 'xmllint-wasm';
import { pain001Buffer, pain001Pieces, sepaText, xmlText, type SepaBatch } from '../../src/payments/sepa/pain001';
import { validatePain001 } from '../support/sepa';

const batch: SepaBatch = {
  messageId: 'BR-000001',
  createdAt: new Date('2026-02-14T10:00:00Z'),
  executionDate: '2026-02-15',
  debtor: { name: 'Gemeente Amstelstad', iban: 'NL39RABO0300065264', bic: 'RABONL2U' },
  transfers: [
    {
      endToEndId: 'BR-000001-E1',
      amountCents: 108386,
      creditorName: 'Zorggroep Amstelland B.V.',
      creditorIban: 'NL91ABNA0417164300',
      creditorBic: 'ABNANL2A',
      remittance: 'LKS-2026-000001 2026-01',
    },
    {
      endToEndId: 'BR-000001-E2',
      amountCents: 5,
      creditorName: 'Kuçük Zörg & Co',
      creditorIban: 'NL20INGB0001234567',
      creditorBic: null,
      remittance: 'LKS-2026-000002 2026-01 2026-02',
    },
  ],
  numberOfTransactions: 2,
  controlSumCents: 108391,
};

/** Characters XML 1.0 can carry (its Char production), as whole code points. */
const xmlChar = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter(
    (c) => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000,
  )
  .map((c) => String.fromCodePoint(c));
/** Mostly the characters that matter to an escaper, some of anything XML allows. */
const xmlString = fc.string({
  unit: fc.oneof(fc.constantFrom('&', '<', '>', '"', "'", ';', '#', '\r', '\n', 'a', ' '), xmlChar),
});

describe('SEPA credit transfer file (pain.001.001.03)', () => {
  it('validates against the ISO 20022 XSD, with sums and counts that add up', async () => {
    const xml = await pain001Buffer(batch);
    const result = await validatePain001(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const text = xml.toString();
    expect(text).toContain('<CtrlSum>1083.91</CtrlSum>');
    expect(text).toContain('<InstdAmt Ccy="EUR">0.05</InstdAmt>');
    expect(text).toContain('<Nm>Kucuk Zorg Co</Nm>');
  });

  it('writes the document byte for byte as the xmlbuilder2 writer it replaces did', async () => {
    const debtor = '<Nm>Gemeente Amstelstad</Nm>';
    const counts = '<NbOfTxs>2</NbOfTxs><CtrlSum>1083.91</CtrlSum>';
    const expected = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn>',
      `<GrpHdr><MsgId>BR-000001</MsgId><CreDtTm>2026-02-14T10:00:00</CreDtTm>${counts}<InitgPty>${debtor}</InitgPty></GrpHdr>`,
      `<PmtInf><PmtInfId>BR-000001</PmtInfId><PmtMtd>TRF</PmtMtd><BtchBookg>true</BtchBookg>${counts}`,
      '<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf><ReqdExctnDt>2026-02-15</ReqdExctnDt>',
      `<Dbtr>${debtor}</Dbtr><DbtrAcct><Id><IBAN>NL39RABO0300065264</IBAN></Id></DbtrAcct>`,
      '<DbtrAgt><FinInstnId><BIC>RABONL2U</BIC></FinInstnId></DbtrAgt><ChrgBr>SLEV</ChrgBr>',
      '<CdtTrfTxInf><PmtId><EndToEndId>BR-000001-E1</EndToEndId></PmtId><Amt><InstdAmt Ccy="EUR">1083.86</InstdAmt></Amt>',
      '<CdtrAgt><FinInstnId><BIC>ABNANL2A</BIC></FinInstnId></CdtrAgt><Cdtr><Nm>Zorggroep Amstelland B.V.</Nm></Cdtr>',
      '<CdtrAcct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></CdtrAcct><RmtInf><Ustrd>LKS-2026-000001 2026-01</Ustrd></RmtInf></CdtTrfTxInf>',
      '<CdtTrfTxInf><PmtId><EndToEndId>BR-000001-E2</EndToEndId></PmtId><Amt><InstdAmt Ccy="EUR">0.05</InstdAmt></Amt>',
      '<Cdtr><Nm>Kucuk Zorg Co</Nm></Cdtr><CdtrAcct><Id><IBAN>NL20INGB0001234567</IBAN></Id></CdtrAcct>',
      '<RmtInf><Ustrd>LKS-2026-000002 2026-01 2026-02</Ustrd></RmtInf></CdtTrfTxInf>',
      '</PmtInf></CstmrCdtTrfInitn></Document>',
    ].join('');
    expect((await pain001Buffer(batch)).toString('utf8')).toBe(expected);
  });

  it('is refused by the XSD when a required element is missing (the validation is real)', async () => {
    const xml = await pain001Buffer({ ...batch, transfers: [], numberOfTransactions: 0, controlSumCents: 0 });
    const result = await validatePain001(xml);
    expect(result.valid).toBe(false);
  });

  it('refuses to finish a file whose transfers do not add up to the count and control sum in its header', async () => {
    await expect(pain001Buffer({ ...batch, controlSumCents: 108390 })).rejects.toThrow(/header states 2 transfers of 1083.90/);
    await expect(pain001Buffer({ ...batch, numberOfTransactions: 3 })).rejects.toThrow(/the transfers are 2 of 1083.91/);
    const pieces: string[] = [];
    await expect(
      (async () => {
        for await (const p of pain001Pieces({ ...batch, numberOfTransactions: 3 }, batch.transfers)) pieces.push(p);
      })(),
    ).rejects.toThrow();
    expect(pieces.join('')).not.toContain('</Document>');
  });

  it('refuses an amount that is not a positive whole number of cents', async () => {
    const [first] = batch.transfers as Array<{ amountCents: number }>;
    for (const amountCents of [0, -5, 1.5]) {
      const transfers = [{ ...(first as object), amountCents }] as SepaBatch['transfers'];
      await expect(pain001Buffer({ ...batch, transfers, numberOfTransactions: 1, controlSumCents: amountCents })).rejects.toThrow(
        /not a positive number of cents/,
      );
    }
  });

  it('keeps text inside the SEPA character set and field length', () => {
    expect(sepaText('Stichting "Zorg & Welzijn" – Noord', 70)).toBe('Stichting Zorg Welzijn Noord');
    expect(sepaText('x'.repeat(200), 140)).toHaveLength(140);
  });

  it('maps any text into the SEPA character set, single-spaced and within the length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 1, max: 140 }), (value, max) => {
        const out = sepaText(value, max);
        expect(out).toMatch(/^[A-Za-z0-9/\-?:().,'+ ]*$/);
        expect(out.length).toBeLessThanOrEqual(max);
        // The cut to length comes last, as in the files already sent: it may end on a space.
        expect(out).not.toMatch(/^ | {2}/);
        expect(sepaText(out, max)).toBe(out.trimEnd());
      }),
    );
  });

  it('leaves text already in the SEPA character set unchanged', () => {
    const sepaWord = fc.string({ unit: fc.constantFrom(..."AZaz09/-?:().,'+".split('')), minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(fc.array(sepaWord, { maxLength: 10 }), (words) => {
        const value = words.join(' ').slice(0, 140).trim();
        expect(sepaText(value, 140)).toBe(value);
      }),
    );
  });
});

describe('XML text escaping', () => {
  it('escapes markup characters and carriage return, nothing else', () => {
    expect(xmlText(`a&b<c>d'e"f\r\n\tg`)).toBe(`a&amp;b&lt;c&gt;d'e"f&#xD;\n\tg`);
    expect(xmlText('Kuçük 😀')).toBe('Kuçük 😀');
  });

  it('parses back to the text it was given, for any text XML can carry', () => {
    fc.assert(
      fc.property(xmlString, (value) => {
        const parsed = create({ skipWhitespaceOnlyText: false }, `<?xml version="1.0"?><a>${xmlText(value)}</a>`).root().node
          .textContent;
        expect(parsed).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('is what libxml2 reads and canonicalises back to the same text', async () => {
    const values = fc.sample(xmlString, 300);
    const doc = `<r>${values.map((v) => `<a>${xmlText(v)}</a>`).join('')}</r>`;
    // Canonical XML escapes exactly &, <, > and carriage return in text, as xmlText does: a
    // document that comes back unchanged was read as the text that went in.
    const result = await validateXML({ xml: [{ fileName: 'text.xml', contents: doc }], normalization: 'c14n' });
    expect(result.errors).toEqual([]);
    expect(result.normalized).toBe(`${doc}\n`); // xmllint ends its output with a line feed
  });

  it('refuses characters XML cannot carry instead of writing an ill-formed file', () => {
    for (const c of ['\u0000', '\u0008', '\u001f', '\ufffe', '\uffff', '\ud800', '\udfff']) {
      expect(() => xmlText(`BR-1${c}`)).toThrow(/cannot be written in XML/);
    }
    expect(() => xmlText('\u0001')).toThrow('U+0001 cannot be written in XML');
  });
});
