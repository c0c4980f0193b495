import { ChronoUnit, LocalDate } from '@js-joda/core';
import { parseCalendarDate } from '../../common/dates/calendar-date';
import { nextWorkingDayOnOrAfter } from '../../common/dates/working-days';

/**
 * The decision clock of a subsidy application (pure; ISO `YYYY-MM-DD` strings in and out).
 *
 * - Awb 4:13: the decision must be given within the statutory term, here eight weeks after the
 *   application was received (`submittedOn`).
 * - Awb 4:15 (lid 1 sub a): a request to complete the application suspends the term from the day
 *   after the request is sent until the day the information arrives (or the period given for it
 *   expires unused; callers then close the suspension with that date as `until`).
 * - Awb 4:14 (lid 3): the term can be extended once, by a reasonable term, with notice.
 * - Atw art. 1 and 3: a statutory term ending on a Saturday, Sunday or generally recognised
 *   holiday is extended to the next day that is none of these (see working-days.ts).
 *
 * Invalid input (overlapping suspensions, a suspension ending before it starts, ...) is a
 * programming error of the caller and throws a plain Error.
 */

export interface Suspension {
  /** Date the request for information was sent. */
  from: string;
  /** Date the information arrived (or the period given for it expired); null = still open. */
  until: string | null;
}

export interface DecisionClockInput {
  submittedOn: string;
  suspensions: Suspension[];
  extensionWeeks: number | null;
  today: string;
}

export interface DecisionClock {
  /** submittedOn + 8 weeks, before suspension, extension and the Atw shift. */
  baseDeadline: string;
  /** base + suspended days + extension, then shifted by the Atw to a working day. */
  deadline: string;
  /** Total calendar days suspended; an open suspension counts up to and including today. */
  suspendedDays: number;
  /** True while a suspension is open. */
  suspended: boolean;
  extensionWeeks: number | null;
  /** Calendar days from today to deadline (negative when overdue); while suspended, as if the information arrives today. */
  daysLeft: number;
  state: 'running' | 'suspended' | 'overdue';
}

export const DECISION_TERM_WEEKS = 8;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string, name: string): LocalDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new Error(`${name} must be a calendar date as YYYY-MM-DD, got ${String(value)}`);
  }
  try {
    return parseCalendarDate(value);
  } catch {
    throw new Error(`${name} is not a valid calendar date: ${value}`);
  }
}

function daysBetween(from: LocalDate, to: LocalDate): number {
  return from.until(to, ChronoUnit.DAYS);
}

interface ResolvedSuspension {
  index: number;
  from: LocalDate;
  /** Exclusive end in day arithmetic: the day the term runs again (today for an open suspension). */
  end: LocalDate;
  open: boolean;
}

function resolveSuspensions(suspensions: Suspension[], submittedOn: LocalDate, today: LocalDate): ResolvedSuspension[] {
  const resolved = suspensions.map((s, index): ResolvedSuspension => {
    const from = parseDate(s.from, `suspensions[${index}].from`);
    if (from.isBefore(submittedOn)) {
      throw new Error(`suspensions[${index}] starts (${s.from}) before the application was submitted`);
    }
    if (s.until === null) {
      if (from.isAfter(today)) {
        throw new Error(`suspensions[${index}] is open but starts (${s.from}) after today`);
      }
      return { index, from, end: today, open: true };
    }
    const until = parseDate(s.until, `suspensions[${index}].until`);
    if (until.isBefore(from)) {
      throw new Error(`suspensions[${index}] ends (${s.until}) before it starts (${s.from})`);
    }
    return { index, from, end: until, open: false };
  });

  // Sort by start; an open suspension sorts after a closed one starting the same day, because
  // only the last suspension may be open.
  const sorted = [...resolved].sort((a, b) => a.from.compareTo(b.from) || Number(a.open) - Number(b.open));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const next = sorted[i];
    // A new request may be sent on the day the previous information arrived, not earlier;
    // nothing may follow an open suspension.
    if (prev.open || next.from.isBefore(prev.end)) {
      throw new Error(`suspensions[${prev.index}] and suspensions[${next.index}] overlap`);
    }
  }
  return sorted;
}

export function decisionClock(input: DecisionClockInput): DecisionClock {
  const submittedOn = parseDate(input.submittedOn, 'submittedOn');
  const today = parseDate(input.today, 'today');
  const { extensionWeeks } = input;
  if (extensionWeeks !== null && (!Number.isInteger(extensionWeeks) || extensionWeeks < 1)) {
    throw new Error(`extensionWeeks must be a positive integer or null, got ${extensionWeeks}`);
  }

  const suspensions = resolveSuspensions(input.suspensions, submittedOn, today);
  // Awb 4:15 suspends "met ingang van de dag na" the request "tot de dag waarop" the information
  // arrives: the days strictly between the two dates. Sent Monday the 1st and answered Friday the
  // 5th suspends the 2nd to the 4th (3 days); answered the next day or the same day suspends none.
  // An open suspension is counted as if the information arrives today.
  const suspendedDays = suspensions.reduce((sum, s) => sum + Math.max(0, daysBetween(s.from, s.end) - 1), 0);
  const suspended = suspensions.some((s) => s.open);

  const baseDeadline = submittedOn.plusWeeks(DECISION_TERM_WEEKS);
  const unshifted = baseDeadline.plusDays(suspendedDays).plusWeeks(extensionWeeks ?? 0);
  const deadline = parseCalendarDate(nextWorkingDayOnOrAfter(unshifted.toString()));
  const daysLeft = daysBetween(today, deadline);

  return {
    baseDeadline: baseDeadline.toString(),
    deadline: deadline.toString(),
    suspendedDays,
    suspended,
    extensionWeeks,
    daysLeft,
    state: suspended ? 'suspended' : today.isAfter(deadline) ? 'overdue' : 'running',
  };
}

/** What an application contributes to its decision clock. */
export interface ApplicationTerm {
  submittedOn: string;
  extensionWeeks: number | null;
}

/** An information request to the applicant: it suspends the term from `requestedOn` until `receivedOn`. */
export interface InformationRequestDates {
  requestedOn: string;
  receivedOn: string | null;
}

/**
 * The decision clock of an application on `today`: each information request suspends the term
 * (Awb 4:15), the one extension lengthens it (Awb 4:14). The work queue's clock and the overview's
 * "decided within the term" both come from here.
 */
export function applicationDecisionClock(
  application: ApplicationTerm,
  informationRequests: InformationRequestDates[],
  today: string,
): DecisionClock {
  return decisionClock({
    submittedOn: application.submittedOn,
    suspensions: informationRequests.map((r) => ({ from: r.requestedOn, until: r.receivedOn })),
    extensionWeeks: application.extensionWeeks,
    today,
  });
}

/**
 * Whether a decision given on `decidedOn` was in time: the application's clock on that day was not
 * overdue, exactly as the work queue would have shown it then (a term suspended or extended
 * lawfully is not late). Requests sent after the decision do not change the term it was given in.
 */
export function decidedWithinTerm(
  application: ApplicationTerm,
  informationRequests: InformationRequestDates[],
  decidedOn: string,
): boolean {
  const before = informationRequests.filter((r) => r.requestedOn <= decidedOn);
  return applicationDecisionClock(application, before, decidedOn).state !== 'overdue';
}
