import fc from 'fast-check';
import { LocalDate } from '@js-joda/core';
import { calculateLks, LksInput, prepareReferenceData } from '../../../src/lks-calculation/domain';
import { dutchReferenceData } from './fixtures';

const reference = prepareReferenceData(dutchReferenceData());

// The table covers 2024-01-01..2026-06-30.
const FIRST_DAY = LocalDate.parse('2024-01-01').toEpochDay();
const LAST_DAY = LocalDate.parse('2026-06-30').toEpochDay();

/** Hundredths → '32.5'-style text, built without the module's own formatting helpers. */
const hundredthsText = (v: number) => `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}`;

const inputArbitrary = fc
  .record({
    start: fc.integer({ min: FIRST_DAY, max: LAST_DAY }),
    length: fc.integer({ min: 0, max: 400 }),
    ageInDays: fc.integer({ min: 15 * 366, max: 70 * 365 }),
    hours: fc.integer({ min: 1, max: 4000 }),
    wageValue: fc.integer({ min: 1, max: 15000 }),
    scale: fc.constantFrom('regular' as const, 'bbl' as const),
  })
  .map(({ start, length, ageInDays, hours, wageValue, scale }) => ({
    periodStart: LocalDate.ofEpochDay(start).toString(),
    periodEnd: LocalDate.ofEpochDay(Math.min(start + length, LAST_DAY)).toString(),
    dateOfBirth: LocalDate.ofEpochDay(start - ageInDays).toString(),
    hoursPerWeek: hundredthsText(hours),
    wageValuePercentage: hundredthsText(wageValue),
    scale,
    flatRate: false,
  }));

/** Cents the month would get with the gap at exactly the 70% cap: exact integers, rounded half-up.
 *  hourly × hours × 70% × 52/12 × 108% × 123.5% × covered/days, in cents (the table is from 2024, so
 *  the employer costs are 23.5%):
 *  (H/100)(W/100)(70/100)(52/12)(108/100)(1235/1000)(dc/dim) × 100 = H·W·70·52·108·1235·dc / (12·10⁹·dim) */
function capBoundCents(hourly: string, hours: string, daysCovered: number, daysInMonth: number): bigint {
  const toHundredths = (s: string) => {
    const [whole, fraction = ''] = s.split('.');
    return BigInt(whole + fraction.padEnd(2, '0'));
  };
  const num = toHundredths(hourly) * toHundredths(hours) * 70n * 52n * 108n * 1235n * BigInt(daysCovered);
  const den = 12n * 1_000_000_000n * BigInt(daysInMonth);
  return (2n * num + den) / (2n * den);
}

describe('calculateLks properties', () => {
  it('makes the period total the sum of the rounded month totals', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const result = calculateLks(input, reference);
        const sum = result.months.reduce((acc, m) => acc + m.totalCents, 0);
        expect(result.totalCents).toBe(sum);
        expect(Number(result.total) * 100).toBeCloseTo(sum, 6);
        result.months.forEach((m) => expect(Number.isInteger(m.totalCents) && m.totalCents >= 0).toBe(true));
      }),
      { numRuns: 300 },
    );
  });

  it('never gives more subsidy for a higher wage value', () => {
    fc.assert(
      fc.property(inputArbitrary, fc.integer({ min: 1, max: 15000 }), (input, otherWageValue) => {
        const other: LksInput = { ...input, wageValuePercentage: hundredthsText(otherWageValue) };
        const [low, high] = Number(input.wageValuePercentage) <= otherWageValue / 100 ? [input, other] : [other, input];
        const lowResult = calculateLks(low, reference);
        const highResult = calculateLks(high, reference);
        expect(highResult.totalCents).toBeLessThanOrEqual(lowResult.totalCents);
        highResult.months.forEach((m, i) => expect(m.totalCents).toBeLessThanOrEqual(lowResult.months[i].totalCents));
      }),
      { numRuns: 300 },
    );
  });

  it('never lets the gap exceed the 70% cap, and reaches it exactly at wage values of 30% or less', () => {
    fc.assert(
      fc.property(inputArbitrary, (input) => {
        const wageValue = Number(input.wageValuePercentage);
        for (const m of calculateLks(input, reference).months) {
          const bound = capBoundCents(m.hourlyMinimumWage, m.hoursPerWeek, m.daysCovered, m.daysInMonth);
          expect(BigInt(m.totalCents) <= bound).toBe(true);
          expect(m.capApplied).toBe(wageValue < 30);
          if (wageValue <= 30) expect(BigInt(m.totalCents)).toBe(bound);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never gives a partly covered month more than the same month fully covered', () => {
    const monthArbitrary = fc.record({
      monthIndex: fc.integer({ min: 0, max: 29 }), // 2024-01 … 2026-06
      from: fc.integer({ min: 1, max: 31 }),
      to: fc.integer({ min: 1, max: 31 }),
      ageInDays: fc.integer({ min: 15 * 366, max: 70 * 365 }),
      hours: fc.integer({ min: 1, max: 4000 }),
      wageValue: fc.integer({ min: 1, max: 15000 }),
      scale: fc.constantFrom('regular' as const, 'bbl' as const),
    });
    fc.assert(
      fc.property(monthArbitrary, ({ monthIndex, from, to, ageInDays, hours, wageValue, scale }) => {
        const first = LocalDate.of(2024, 1, 1).plusMonths(monthIndex);
        const length = first.lengthOfMonth();
        const [a, b] = [Math.min(from, to, length), Math.min(Math.max(from, to), length)];
        const base = {
          dateOfBirth: first.minusDays(ageInDays).toString(),
          hoursPerWeek: hundredthsText(hours),
          wageValuePercentage: hundredthsText(wageValue),
          scale,
          flatRate: false,
        };
        const full = calculateLks(
          { ...base, periodStart: first.toString(), periodEnd: first.withDayOfMonth(length).toString() },
          reference,
        ).months[0];
        const part = calculateLks(
          { ...base, periodStart: first.withDayOfMonth(a).toString(), periodEnd: first.withDayOfMonth(b).toString() },
          reference,
        ).months[0];
        // A birthday between the 1st and the later reference day legitimately raises a youth rate.
        fc.pre(part.age === full.age);
        expect(part.totalCents).toBeLessThanOrEqual(full.totalCents);
      }),
      { numRuns: 300 },
    );
  });
});
