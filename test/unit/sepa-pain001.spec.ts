import { pain001Buffer, sepaText } from '../../src/payments/sepa/pain001';
import { validatePain001 } from '../support/sepa';

describe('SEPA credit transfer file (pain.001.001.03)', () => {
  it('validates against the ISO 20022 XSD, with sums and counts that add up', async () => {
    const transfers = [
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
    ];
    const xml = await pain001Buffer({
      messageId: 'BR-000001',
      createdAt: new Date('2026-02-14T10:00:00Z'),
      executionDate: '2026-02-15',
      debtor: { name: 'Gemeente Amstelstad', iban: 'NL39RABO0300065264', bic: 'RABONL2U' },
      transfers,
      numberOfTransactions: 2,
      controlSumCents: 108391,
    });
    const result = await validatePain001(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const text = xml.toString();
    expect(text).toContain('<CtrlSum>1083.91</CtrlSum>');
    expect(text).toContain('<InstdAmt Ccy="EUR">0.05</InstdAmt>');
    expect(text).toContain('<Nm>Kucuk Zorg Co</Nm>');
  });

  it('is refused by the XSD when a required element is missing (the validation is real)', async () => {
    const xml = await pain001Buffer({
      messageId: 'BR-000002',
      createdAt: new Date('2026-02-14T10:00:00Z'),
      executionDate: '2026-02-15',
      debtor: { name: 'Gemeente Amstelstad', iban: 'NL39RABO0300065264', bic: 'RABONL2U' },
      transfers: [],
      numberOfTransactions: 0,
      controlSumCents: 0,
    });
    const result = await validatePain001(xml);
    expect(result.valid).toBe(false);
  });

  it('keeps text inside the SEPA character set and field length', () => {
    expect(sepaText('Stichting "Zorg & Welzijn" – Noord', 70)).toBe('Stichting Zorg Welzijn Noord');
    expect(sepaText('x'.repeat(200), 140)).toHaveLength(140);
  });
});
