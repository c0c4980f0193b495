import { ChronoUnit } from '@js-joda/core';
import { parseCalendarDate } from '../common/dates/calendar-date';

/**
 * How far the minimum wage table reaches, and whether administrators must be warned (pure).
 *
 * The WML is indexed on 1 January and 1 July (Wet minimumloon en minimumvakantiebijslag art. 14);
 * the amounts are published a few months before. A month after the last period cannot be calculated,
 * so no application covering it can be assessed: the backoffice is warned from
 * COVERAGE_WARNING_DAYS before the table ends, and told plainly once it has ended.
 */
export const COVERAGE_WARNING_DAYS = 60;

export type CoverageState = 'open-ended' | 'covered' | 'ending' | 'ended' | 'empty';

export interface MinimumWageCoverage {
  /** The last day with a minimum wage; null when the latest period is open ended or there is none. */
  coveredUntil: string | null;
  /** Calendar days from today to coveredUntil (0 on its last day, negative after it); null without an end. */
  daysLeft: number | null;
  state: CoverageState;
  /** True from COVERAGE_WARNING_DAYS before the end, after it, and when there is no table. */
  warning: boolean;
}

export function minimumWageCoverage(
  periods: ReadonlyArray<{ validFrom: string; validUntil: string | null }>,
  today: string,
): MinimumWageCoverage {
  if (periods.length === 0) return { coveredUntil: null, daysLeft: null, state: 'empty', warning: true };
  const latest = periods.reduce((a, b) => (a.validFrom > b.validFrom ? a : b));
  if (latest.validUntil === null) return { coveredUntil: null, daysLeft: null, state: 'open-ended', warning: false };
  const daysLeft = parseCalendarDate(today).until(parseCalendarDate(latest.validUntil), ChronoUnit.DAYS);
  const state: CoverageState = daysLeft < 0 ? 'ended' : daysLeft <= COVERAGE_WARNING_DAYS ? 'ending' : 'covered';
  return { coveredUntil: latest.validUntil, daysLeft, state, warning: state !== 'covered' };
}
