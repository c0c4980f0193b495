import { BusinessRuleViolation, Conflict, InvalidInput } from '../common/errors/domain-errors';
import { addDays } from '../common/dates/calendar-date';

export interface ValidityPeriod {
  id: number;
  validFrom: string;
  /** Inclusive; null = open ended. */
  validUntil: string | null;
}

export interface Placement {
  /** An open-ended latest period is closed the day before the new one starts. */
  closePrevious?: { id: number; validUntil: string };
}

/**
 * Reference data periods form one unbroken line: a new period may only follow the latest one,
 * starting the day after it ends (or, if it is open ended, closing it). Anything else would
 * overlap or leave days without a rate, and is refused with the reason.
 */
export function placeNewPeriod(existing: ValidityPeriod[], validFrom: string, validUntil: string | null): Placement {
  if (validUntil !== null && validUntil < validFrom) {
    throw new InvalidInput([{ name: 'validUntil', reason: 'must not be before validFrom' }]);
  }
  if (existing.length === 0) return {};
  const latest = existing.reduce((a, b) => (a.validFrom > b.validFrom ? a : b));
  if (validFrom <= latest.validFrom || (latest.validUntil !== null && validFrom <= latest.validUntil)) {
    throw new Conflict(
      `The period overlaps the existing period from ${latest.validFrom}${latest.validUntil ? ` to ${latest.validUntil}` : ''}; ` +
        'periods can only be added after the latest one.',
      [{ name: 'validFrom', reason: `overlaps the period starting ${latest.validFrom}` }],
    );
  }
  if (latest.validUntil === null) {
    return { closePrevious: { id: latest.id, validUntil: addDays(validFrom, -1) } };
  }
  const expected = addDays(latest.validUntil, 1);
  if (validFrom !== expected) {
    throw new BusinessRuleViolation(
      `The period leaves a gap: the previous period ends on ${latest.validUntil}, so the next one must start on ${expected}.`,
      [{ name: 'validFrom', reason: `must be ${expected} (the day after the previous period ends)` }],
    );
  }
  return {};
}
