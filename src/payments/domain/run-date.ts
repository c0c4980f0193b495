import { LocalDate } from '@js-joda/core';
import type { InvalidParam } from '../../common/errors/domain-errors';

/**
 * Why a payment run date cannot be used, or null when it can. A run pays what is due on or before
 * its date and asks the bank to execute on it (SEPA ReqdExctnDt), so a date in the past asks the
 * bank for the impossible and a far-away date pays instalments long before they are due.
 */
export function runDateProblem(runDate: string, today: string, maxDaysAhead: number): InvalidParam | null {
  if (runDate < today) return { name: 'runDate', reason: `must be today (${today}) or later` };
  const last = LocalDate.parse(today).plusDays(maxDaysAhead).toString();
  if (runDate > last) return { name: 'runDate', reason: `must be at most ${maxDaysAhead} days ahead, on or before ${last}` };
  return null;
}
