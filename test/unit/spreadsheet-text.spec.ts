import fc from 'fast-check';
import { spreadsheetText } from '../../src/common/csv/spreadsheet-text';

describe('CSV text cells', () => {
  it('defuses text a spreadsheet would run as a formula', () => {
    expect(spreadsheetText('=HYPERLINK("https://evil.example","Klik")')).toBe('\'=HYPERLINK("https://evil.example","Klik")');
    for (const start of ['+', '-', '@', '\t', '\r']) expect(spreadsheetText(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(spreadsheetText(null)).toBe('');
  });

  it('leaves every other text exactly as it is', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = spreadsheetText(text);
        return /^[=+\-@\t\r]/.test(text) ? out === `'${text}` : out === text;
      }),
    );
    expect(spreadsheetText('Zorggroep Amstelland B.V.')).toBe('Zorggroep Amstelland B.V.');
  });
});
