import fc from 'fast-check';
import { LocalDate } from '@js-joda/core';
import {
  addWorkingDays,
  dutchPublicHolidays,
  easterSunday,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
} from '../../src/common/dates/working-days';

describe('easterSunday (anonymous Gregorian algorithm)', () => {
  it.each([
    [2016, '2016-03-27'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
  ])('Easter %i is %s (published date)', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('dutchPublicHolidays (Atw art. 3)', () => {
  it('2025: Koningsdag is Saturday 26 April because 27 April 2025 is a Sunday', () => {
    expect(LocalDate.parse('2025-04-27').dayOfWeek().toString()).toBe('SUNDAY');
    // Easter 20 Apr: Tweede Paasdag 21 Apr, Hemelvaart 20 Apr + 39 = 29 May, Tweede Pinksterdag + 50 = 9 Jun.
    expect(dutchPublicHolidays(2025)).toEqual([
      '2025-01-01',
      '2025-04-21',
      '2025-04-26',
      '2025-05-05',
      '2025-05-29',
      '2025-06-09',
      '2025-12-25',
      '2025-12-26',
    ]);
  });

  it('2026: Koningsdag on Monday 27 April; Easter 5 Apr gives 6 Apr, 14 May, 25 May', () => {
    expect(dutchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-04-27',
      '2026-05-05',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('2014 (first Koningsdag): 27 April was a Sunday, so 26 April', () => {
    expect(dutchPublicHolidays(2014)).toContain('2014-04-26');
    expect(dutchPublicHolidays(2014)).not.toContain('2014-04-27');
  });

  it('2016: Hemelvaartsdag and Bevrijdingsdag coincide on 5 May and are listed once', () => {
    const holidays = dutchPublicHolidays(2016);
    expect(holidays.filter((d) => d === '2016-05-05')).toHaveLength(1);
    expect(holidays).toHaveLength(7);
  });

  it('does not include Good Friday, Eerste Paasdag or Eerste Pinksterdag', () => {
    const holidays = dutchPublicHolidays(2025);
    expect(holidays).not.toContain('2025-04-18'); // Goede Vrijdag
    expect(holidays).not.toContain('2025-04-20'); // Eerste Paasdag
    expect(holidays).not.toContain('2025-06-08'); // Eerste Pinksterdag
  });

  it('returns a copy, so callers cannot corrupt the cache', () => {
    const first = dutchPublicHolidays(2027);
    first.push('2027-07-01');
    expect(dutchPublicHolidays(2027)).not.toContain('2027-07-01');
  });

  it('rejects years before Koningsdag existed and non-integers', () => {
    expect(() => dutchPublicHolidays(2013)).toThrow(RangeError);
    expect(() => dutchPublicHolidays(2025.5)).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2025-04-18', true], // Goede Vrijdag is not an Atw holiday
    ['2025-04-21', false], // Tweede Paasdag
    ['2025-05-05', false], // Bevrijdingsdag on a Monday, every year
    ['2030-05-06', true], // an ordinary Monday
    ['2025-05-29', false], // Hemelvaartsdag
    ['2025-01-11', false], // Saturday
    ['2025-01-12', false], // Sunday
    ['2025-01-13', true], // Monday
  ])('%s -> %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('25-01-01')).toThrow(RangeError);
    expect(() => isWorkingDay('2025-1-1')).toThrow(RangeError);
  });
});

describe('nextWorkingDayOnOrAfter', () => {
  it('keeps a working day', () => {
    expect(nextWorkingDayOnOrAfter('2026-04-28')).toBe('2026-04-28');
  });
  it('Saturday 25 Apr 2026 -> Sunday -> Koningsdag Monday 27 Apr -> Tuesday 28 Apr', () => {
    expect(nextWorkingDayOnOrAfter('2026-04-25')).toBe('2026-04-28');
  });
  it('Christmas 2026: Fri 25, Sat 26, Sun 27 -> Monday 28 Dec', () => {
    expect(nextWorkingDayOnOrAfter('2026-12-25')).toBe('2026-12-28');
  });
});

describe('addWorkingDays', () => {
  it('Friday + 1 working day = Monday', () => {
    expect(addWorkingDays('2025-01-10', 1)).toBe('2025-01-13');
  });
  it('over Christmas: Wed 24 Dec 2025 + 1 skips Thu 25, Fri 26 and the weekend -> Mon 29 Dec', () => {
    expect(addWorkingDays('2025-12-24', 1)).toBe('2025-12-29');
    expect(addWorkingDays('2025-12-24', 2)).toBe('2025-12-30');
  });
  it('over New Year: Wed 31 Dec 2025 + 1 -> Fri 2 Jan 2026', () => {
    expect(addWorkingDays('2025-12-31', 1)).toBe('2026-01-02');
  });
  it('n = 0 returns the date itself, even a non-working day', () => {
    expect(addWorkingDays('2025-12-25', 0)).toBe('2025-12-25');
  });
  it('Mon 3 Mar 2025 + 10 working days = Mon 17 Mar 2025 (two plain weeks)', () => {
    expect(addWorkingDays('2025-03-03', 10)).toBe('2025-03-17');
  });
  it('rejects negative or fractional n', () => {
    expect(() => addWorkingDays('2025-01-10', -1)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-10', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts (from, to]: Friday -> Monday is 1', () => {
    expect(workingDaysBetween('2025-01-10', '2025-01-13')).toBe(1);
  });
  it('Christmas week 2025: (Mon 22 Dec, Sun 28 Dec] = Tue 23, Wed 24 = 2', () => {
    expect(workingDaysBetween('2025-12-22', '2025-12-28')).toBe(2);
  });
  it('is 0 when to <= from', () => {
    expect(workingDaysBetween('2025-01-13', '2025-01-13')).toBe(0);
    expect(workingDaysBetween('2025-01-14', '2025-01-13')).toBe(0);
  });
  it('a whole year 2025: 261 weekdays minus 7 holidays on weekdays (Koningsdag is a Saturday) = 254', () => {
    // 2025 starts on a Wednesday and has 365 days = 52 weeks + 1 day (a Wednesday): 52*5 + 1 = 261 weekdays.
    expect(workingDaysBetween('2024-12-31', '2025-12-31')).toBe(254);
  });
});

describe('properties', () => {
  const START = LocalDate.parse('2014-01-01').toEpochDay();
  const END = LocalDate.parse('2099-12-31').toEpochDay();
  const isoDate = fc.integer({ min: START, max: END }).map((d) => LocalDate.ofEpochDay(d).toString());

  it('addWorkingDays(d, n) is a working day for n >= 1, and workingDaysBetween inverts it', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 300 }), (d, n) => {
        const result = addWorkingDays(d, n);
        if (n >= 1) expect(isWorkingDay(result)).toBe(true);
        expect(workingDaysBetween(d, result)).toBe(n);
      }),
    );
  });

  it('nextWorkingDayOnOrAfter is the first working day on or after d (at most 4 days later)', () => {
    fc.assert(
      fc.property(isoDate, (d) => {
        const next = nextWorkingDayOnOrAfter(d);
        expect(isWorkingDay(next)).toBe(true);
        const gap = LocalDate.parse(next).toEpochDay() - LocalDate.parse(d).toEpochDay();
        // Longest runs of non-working days: Thu 25 + Fri 26 Dec + weekend; Hemelvaart on 4 May + 5 May + weekend.
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThanOrEqual(4);
        for (let i = 0; i < gap; i++) {
          expect(isWorkingDay(LocalDate.parse(d).plusDays(i).toString())).toBe(false);
        }
      }),
    );
  });
});
