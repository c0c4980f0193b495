import {
  ageOn,
  divRoundHalfUp,
  divRoundHalfUpBig,
  formatCents,
  formatScaledTrimmed,
  parseDecimalToScaled,
  parseIsoDate,
} from '../../../src/lks-calculation/domain';

describe('decimal and date helpers', () => {
  it('formats integer cents with exactly two decimals, negatives included', () => {
    expect([123456, 5, 0, -5, -123456, 100].map(formatCents)).toEqual(['1234.56', '0.05', '0.00', '-0.05', '-1234.56', '1.00']);
  });

  it('parses decimals to scaled integers and rejects more precision than asked', () => {
    expect(parseDecimalToScaled('14.71', 2)).toBe(1471);
    expect(parseDecimalToScaled(32.5, 2)).toBe(3250);
    expect(parseDecimalToScaled('70.000', 2)).toBe(7000); // trailing zeros add no precision
    expect(parseDecimalToScaled(0.07, 2)).toBe(7); // 0.07 is not exact in binary; its shortest text is
    expect(parseDecimalToScaled('-0.05', 2)).toBe(-5);
    expect(parseDecimalToScaled('32.555', 2)).toBeNull();
    expect(parseDecimalToScaled(1e21, 2)).toBeNull();
    expect(parseDecimalToScaled('1e3', 2)).toBeNull();
    expect(parseDecimalToScaled(' 1', 2)).toBeNull();
  });

  it('formats scaled values without trailing zeros', () => {
    expect([3250, 4000, 3255, 5].map((v) => formatScaledTrimmed(v, 2))).toEqual(['32.5', '40', '32.55', '0.05']);
  });

  it('divides rounding half up', () => {
    // 5/2 = 2.5 → 3; 7/3 = 2.33… → 2; 5/3 = 1.66… → 2
    expect([divRoundHalfUp(5, 2), divRoundHalfUp(7, 3), divRoundHalfUp(5, 3)]).toEqual([3, 2, 2]);
    expect(divRoundHalfUpBig(5n, 2n)).toBe(3n);
  });

  it('counts completed years, with a 29 February birthday counting from 1 March', () => {
    const born = parseIsoDate('2004-02-29')!;
    expect(ageOn(born, parseIsoDate('2025-02-28')!)).toBe(20);
    expect(ageOn(born, parseIsoDate('2025-03-01')!)).toBe(21);
    expect(ageOn(parseIsoDate('2005-04-15')!, parseIsoDate('2026-04-14')!)).toBe(20);
    expect(ageOn(parseIsoDate('2005-04-15')!, parseIsoDate('2026-04-15')!)).toBe(21);
  });
});
