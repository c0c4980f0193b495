import fc from 'fast-check';
import { LocalDate } from '@js-joda/core';
import {
  EMPLOYMENT_ORIGINS,
  LATE_APPLICATION_ORIGINS,
  applicationWindow,
  checkApplicationWindow,
  flatRateWindowEnd,
  type EmploymentOrigin,
} from '../../src/applications/domain/application-window';
import { isWorkingDay } from '../../src/common/dates/working-days';

/**
 * Participatiewet art. 10d: apply before the employment starts (lid 1), or within six months after
 * it for an employee from praktijkonderwijs, voortgezet speciaal onderwijs, an MBO entree course or
 * helped to the job by the municipality (lid 2). 2026: 1 Jan is a Thursday.
 */
describe('the application window', () => {
  it('before the start: the last day is the day before; on the first day of the employment it is too late', () => {
    expect(applicationWindow('2026-04-01', 'other')).toEqual({ kind: 'before-start', lastDay: '2026-03-31' });
    expect(checkApplicationWindow('2026-04-01', 'other', '2026-03-31').allowed).toBe(true);
    const late = checkApplicationWindow('2026-04-01', 'other', '2026-04-01');
    expect(late).toEqual({
      allowed: false,
      kind: 'before-start',
      lastDay: '2026-03-31',
      reason: 'the application must be submitted before the employment starts on 2026-04-01; the last day was 2026-03-31',
    });
  });

  it('an application from before the origin was recorded follows the general rule', () => {
    expect(applicationWindow('2026-04-01', null)).toEqual({ kind: 'before-start', lastDay: '2026-03-31' });
  });

  it.each(LATE_APPLICATION_ORIGINS)(
    '%s: up to 6 months after the start (Thu 15 Jan -> Wed 15 Jul 2026), not a day later',
    (origin) => {
      expect(applicationWindow('2026-01-15', origin)).toEqual({ kind: 'within-six-months-after-start', lastDay: '2026-07-15' });
      expect(checkApplicationWindow('2026-01-15', origin, '2026-07-15').allowed).toBe(true);
      const late = checkApplicationWindow('2026-01-15', origin, '2026-07-16');
      expect(late.allowed).toBe(false);
      expect(!late.allowed && late.reason).toBe(
        'the application must be submitted within 6 months after the employment started on 2026-01-15; the last day was 2026-07-15',
      );
    },
  );

  it('may of course also apply before the start', () => {
    expect(checkApplicationWindow('2026-01-15', 'praktijkonderwijs', '2025-12-01').allowed).toBe(true);
  });

  it('a last day on a Saturday moves to Monday (Atw art. 1): start Sun 1 Feb 2026 + 6 months = Sat 1 Aug -> Mon 3 Aug', () => {
    expect(applicationWindow('2026-02-01', 'mbo-entree').lastDay).toBe('2026-08-03');
    expect(checkApplicationWindow('2026-02-01', 'mbo-entree', '2026-08-03').allowed).toBe(true);
    expect(checkApplicationWindow('2026-02-01', 'mbo-entree', '2026-08-04').allowed).toBe(false);
  });

  it('a start on the 31st ends on the last day of the sixth month: 31 Aug 2026 -> Sun 28 Feb 2027 -> Mon 1 Mar 2027', () => {
    expect(applicationWindow('2026-08-31', 'municipality-placement').lastDay).toBe('2027-03-01');
  });

  it('property: the last day is allowed and the next day refused, for every origin', () => {
    const START = LocalDate.parse('2015-01-01').toEpochDay();
    const END = LocalDate.parse('2090-12-31').toEpochDay();
    fc.assert(
      fc.property(
        fc.integer({ min: START, max: END }),
        fc.constantFrom<EmploymentOrigin | null>(...EMPLOYMENT_ORIGINS, null),
        (startDay, origin) => {
          const start = LocalDate.ofEpochDay(startDay);
          const window = applicationWindow(start.toString(), origin);
          const last = LocalDate.parse(window.lastDay);
          expect(checkApplicationWindow(start.toString(), origin, window.lastDay).allowed).toBe(true);
          expect(checkApplicationWindow(start.toString(), origin, last.plusDays(1).toString()).allowed).toBe(false);
          if (origin !== null && LATE_APPLICATION_ORIGINS.includes(origin)) {
            // Six months after the start, on a working day at most a long weekend later.
            expect(isWorkingDay(window.lastDay)).toBe(true);
            expect(last.isBefore(start.plusMonths(6))).toBe(false);
            expect(last.isAfter(start.plusMonths(6).plusDays(4))).toBe(false);
          } else {
            expect(last.plusDays(1).equals(start)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('the flat-rate window (art. 10d lid 5)', () => {
  it('covers the first months of the employment: 15 Jan 2026 + 6 months ends Tue 14 Jul 2026', () => {
    expect(flatRateWindowEnd('2026-01-15', 6)).toBe('2026-07-14');
    expect(flatRateWindowEnd('2026-01-01', 6)).toBe('2026-06-30');
  });
});
