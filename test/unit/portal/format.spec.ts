import fc from 'fast-check';
import { dutchDate, dutchMonth, euroFromCents, euroFromDecimal } from '../../../src/portal/shared/format';
import { decimalField, numberField, textField } from '../../../src/portal/shared/forms';

describe('portal formats', () => {
  it('formats cents as Dutch euro amounts', () => {
    expect(euroFromCents(0)).toBe('€ 0,00');
    expect(euroFromCents(5)).toBe('€ 0,05');
    expect(euroFromCents(123456)).toBe('€ 1.234,56');
    expect(euroFromCents(-100000000)).toBe('€ -1.000.000,00');
    expect(euroFromCents(null)).toBe('');
  });

  it('round-trips every amount in cents through the Dutch notation', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const text = euroFromCents(cents);
        const back = Number(text.replace('€ ', '').replace(/\./g, '').replace(',', ''));
        return back === cents;
      }),
    );
  });

  it('formats decimal strings the same as their cents', () => {
    expect(euroFromDecimal('1234.5')).toBe('€ 1.234,50');
    expect(euroFromDecimal('0.07')).toBe('€ 0,07');
    expect(euroFromDecimal('-12')).toBe('€ -12,00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), (cents) => {
        const decimal = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        return euroFromDecimal(decimal) === euroFromCents(cents);
      }),
    );
  });

  it('writes dates and months in Dutch without time zone drift', () => {
    expect(dutchDate('2026-01-01')).toBe('1 januari 2026');
    expect(dutchDate('2026-12-31')).toBe('31 december 2026');
    // 23:30 UTC on 31 December is already 1 January in Amsterdam.
    expect(dutchDate('2026-12-31T23:30:00Z')).toBe('1 januari 2027');
    expect(dutchMonth('2026-03')).toBe('maart 2026');
  });

  it('reads form numbers with a Dutch decimal comma and passes anything else on for the API rule', () => {
    expect(numberField('32,5')).toBe(32.5);
    expect(numberField(' 40 ')).toBe(40);
    expect(numberField('')).toBeUndefined();
    expect(numberField('veertig')).toBe('veertig');
    expect(decimalField('70,25')).toBe('70.25');
    expect(textField('  ')).toBeUndefined();
  });
});
