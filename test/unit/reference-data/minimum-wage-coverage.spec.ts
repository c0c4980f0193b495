import fc from 'fast-check';
import { LocalDate } from '@js-joda/core';
import { COVERAGE_WARNING_DAYS, minimumWageCoverage } from '../../../src/reference-data/minimum-wage-coverage';

const table = [
  { validFrom: '2025-07-01', validUntil: '2025-12-31' },
  { validFrom: '2026-01-01', validUntil: '2026-06-30' },
];

describe('minimum wage coverage', () => {
  it('reaches until the end of the latest period, whatever order the periods come in', () => {
    expect(minimumWageCoverage([...table].reverse(), '2026-03-01')).toEqual({
      coveredUntil: '2026-06-30',
      // March 31 − 1 = 30, April 30, May 31, June 30: 30 + 30 + 31 + 30 = 121
      daysLeft: 121,
      state: 'covered',
      warning: false,
    });
  });

  it('warns from 60 days before the table ends, on its last day, and after it', () => {
    // 2026-05-01 → 2026-06-30: 30 days left in May + 30 in June = 60.
    expect(minimumWageCoverage(table, '2026-04-30')).toMatchObject({ daysLeft: 61, state: 'covered', warning: false });
    expect(minimumWageCoverage(table, '2026-05-01')).toMatchObject({ daysLeft: 60, state: 'ending', warning: true });
    expect(minimumWageCoverage(table, '2026-06-30')).toMatchObject({ daysLeft: 0, state: 'ending', warning: true });
    expect(minimumWageCoverage(table, '2026-12-05')).toMatchObject({ daysLeft: -158, state: 'ended', warning: true });
  });

  it('does not warn about an open-ended latest period, and warns when there is no table at all', () => {
    expect(minimumWageCoverage([...table, { validFrom: '2026-07-01', validUntil: null }], '2026-12-05')).toEqual({
      coveredUntil: null,
      daysLeft: null,
      state: 'open-ended',
      warning: false,
    });
    expect(minimumWageCoverage([], '2026-12-05')).toEqual({ coveredUntil: null, daysLeft: null, state: 'empty', warning: true });
  });

  it('warns exactly when at most 60 days are left', () => {
    const end = LocalDate.parse('2026-06-30');
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), (offset) => {
        const today = end.minusDays(offset).toString();
        const coverage = minimumWageCoverage(table, today);
        expect(coverage.daysLeft).toBe(offset);
        expect(coverage.warning).toBe(offset <= COVERAGE_WARNING_DAYS);
      }),
    );
  });
});
