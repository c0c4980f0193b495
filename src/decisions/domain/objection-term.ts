import { LocalDate } from '@js-joda/core';
import { nextWorkingDayOnOrAfter } from '../../common/dates/working-days';

/** Awb 6:7: the objection term is six weeks. */
export const OBJECTION_TERM_WEEKS = 6;

/**
 * Last day to object: the term starts the day after the decision was sent (Awb 6:8) and lasts six
 * weeks (Awb 6:7), so it ends on the same weekday six weeks after sending; a last day on a weekend
 * or public holiday moves to the next working day (Algemene termijnenwet).
 */
export function objectionDeadline(sendingDate: string): string {
  return nextWorkingDayOnOrAfter(LocalDate.parse(sendingDate).plusWeeks(OBJECTION_TERM_WEEKS).toString());
}

/** Awb 6:9: an objection is on time when it is received before the end of the term. */
export function isWithinObjectionTerm(receivedOn: string, deadline: string): boolean {
  return receivedOn <= deadline;
}
