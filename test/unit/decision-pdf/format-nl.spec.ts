import {
  decimalToCents,
  formatCents,
  formatCentsAmount,
  formatDateNl,
  formatDecimalNl,
  formatMoney,
  formatMoneyAmount,
  formatMonthNl,
  formatPercentageNl,
} from '../../../src/decisions/pdf/format-nl';

describe('formatDateNl', () => {
  it.each([
    ['2026-03-02', '2 maart 2026'],
    ['2026-01-31', '31 januari 2026'],
    ['2025-12-01', '1 december 2025'],
    ['2024-02-29', '29 februari 2024'],
    ['2000-02-29', '29 februari 2000'],
    ['2026-08-15', '15 augustus 2026'],
  ])('%s → %s', (iso, dutch) => expect(formatDateNl(iso)).toBe(dutch));

  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-04-31',
    '2026-00-10',
    '2026-3-2',
    '02-03-2026',
    '',
    '2026-03-02T00:00:00Z',
  ])('refuses %j', (bad) => expect(() => formatDateNl(bad)).toThrow(RangeError));
});

describe('formatMonthNl', () => {
  it('writes months in full or short', () => {
    expect(formatMonthNl('2026-03')).toBe('maart 2026');
    expect(formatMonthNl('2026-03', true)).toBe('mrt 2026');
    expect(formatMonthNl('2025-10', true)).toBe('okt 2025');
    expect(() => formatMonthNl('2026-13')).toThrow(RangeError);
  });
});

describe('money from integer cents', () => {
  it.each([
    [0, '€ 0,00'],
    [5, '€ 0,05'],
    [99, '€ 0,99'],
    [100, '€ 1,00'],
    [108386, '€ 1.083,86'],
    [100000, '€ 1.000,00'],
    [99999, '€ 999,99'],
    [123456789, '€ 1.234.567,89'],
    [-1, '€ -0,01'],
    [-1250, '€ -12,50'],
    [-108386, '€ -1.083,86'],
    [-123456789, '€ -1.234.567,89'],
  ])('%d → %s', (cents, text) => expect(formatCents(cents)).toBe(text));

  it('handles the largest safe integer and bigints exactly', () => {
    expect(formatCentsAmount(Number.MAX_SAFE_INTEGER)).toBe('90.071.992.547.409,91');
    expect(formatCentsAmount(12345678901234567890n)).toBe('123.456.789.012.345.678,90');
  });

  it('refuses fractions of a cent and unsafe numbers', () => {
    expect(() => formatCents(1.5)).toThrow(RangeError);
    expect(() => formatCents(Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
    expect(() => formatCents(NaN)).toThrow(RangeError);
  });
});

describe('money from decimal strings', () => {
  it.each([
    ['1083.86', '€ 1.083,86'],
    ['0', '€ 0,00'],
    ['0.00', '€ 0,00'],
    ['7', '€ 7,00'],
    ['7.5', '€ 7,50'],
    ['-12.5', '€ -12,50'],
    ['-0.00', '€ 0,00'],
    ['1234567.89', '€ 1.234.567,89'],
    ['001.10', '€ 1,10'],
    // 4-decimal breakdown amounts are rounded half away from zero to the cent
    ['2193.3600', '€ 2.193,36'],
    ['898.5649', '€ 898,56'],
    ['898.5650', '€ 898,57'],
    ['0.005', '€ 0,01'],
    ['-0.005', '€ -0,01'],
    ['-0.004', '€ 0,00'],
  ])('%s → %s', (amount, text) => expect(formatMoney(amount)).toBe(text));

  it('does not go through floating point', () => {
    // 0.1 + 0.2 style errors and large values with cents stay exact
    expect(decimalToCents('90071992547409.93')).toBe(9007199254740993n);
    expect(formatMoneyAmount('90071992547409.93')).toBe('90.071.992.547.409,93');
    expect(decimalToCents('1.005')).toBe(101n);
  });

  it.each(['1,5', 'abc', '1e3', '', '.5', '5.', '--1', '1.2.3', ' ', 'NaN'])('refuses %j', (bad) =>
    expect(() => decimalToCents(bad)).toThrow(RangeError),
  );
});

describe('decimals and percentages', () => {
  it.each([
    ['12.5', '12,5'],
    ['32', '32'],
    ['32.00', '32'],
    ['70.00', '70'],
    ['55.50', '55,5'],
    ['1234.5', '1.234,5'],
    ['0.25', '0,25'],
    ['-3.10', '-3,1'],
    ['-0.0', '0'],
  ])('%s → %s', (value, text) => expect(formatDecimalNl(value)).toBe(text));

  it('keeps a minimum number of decimals when asked', () => {
    expect(formatDecimalNl('14.1', 2)).toBe('14,10');
    expect(formatDecimalNl('14', 2)).toBe('14,00');
    expect(formatDecimalNl('14.125', 2)).toBe('14,125');
  });

  it('writes percentages', () => {
    expect(formatPercentageNl('70.00')).toBe('70%');
    expect(formatPercentageNl('55.5')).toBe('55,5%');
    expect(formatPercentageNl('8')).toBe('8%');
  });
});
