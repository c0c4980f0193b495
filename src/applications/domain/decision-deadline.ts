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
 * - Participatiewet art. 10d lid 12 (Breed offensief, Stb. 2022, 499): "De beschikking tot
 *   loonkostensubsidie wordt genomen binnen vijf weken: a. nadat de loonwaarde is vastgesteld ...; of
 *   b. nadat is vastgesteld dat de vaststelling van de loonwaarde achterwege kan blijven" (wetten.overheid.nl
 *   BWBR0015703, version 2025-02-04). Besides the Awb term, then: within five weeks after the wage
 *   value is established (lid 1 sub a), or after the
 *   college has decided with the employer that no measurement is needed (lid 1 sub b). The clock
 *   shows both terms; the one that ends first is the deadline that counts (`deadline`, `daysLeft`,
 *   `state`). The five weeks start on the day the wage value is established, but not before the
 *   application was received. An information request suspends this term as well (Awb 4:15 speaks of
 *   "de termijn voor het geven van een beschikking", any statutory decision term), counting only the
 *   suspended days after the five weeks started. The one extension (Awb 4:14) is recorded for, and
 *   applied to, the Awb term only; the five-week term is not lengthened by it.
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

/** What starts the five-week term of Participatiewet art. 10d. */
export interface WageValueEstablished {
  /** The day the wage value was established, or the day the college decided no measurement is needed. */
  on: string;
  basis: 'wage-value-assessment' | 'no-measurement-needed';
}

export interface DecisionClockInput {
  submittedOn: string;
  suspensions: Suspension[];
  extensionWeeks: number | null;
  today: string;
  /** Null (or absent) while the wage value has not been established: only the Awb term runs. */
  wageValueEstablished?: WageValueEstablished | null;
}

/** The five-week term after the wage value is established (Participatiewet art. 10d). */
export interface WageValueTerm {
  establishedOn: string;
  basis: WageValueEstablished['basis'];
  /** The day the five weeks start: the establishment, or the submission when that came later. */
  startsOn: string;
  /** startsOn + 5 weeks, before suspension and the Atw shift. */
  baseDeadline: string;
  /** With the days suspended after startsOn, shifted by the Atw to a working day. */
  deadline: string;
  suspendedDays: number;
}

export type TermThatEndsFirst = 'awb' | 'wage-value' | 'both';

export interface DecisionClock {
  /** submittedOn + 8 weeks, before suspension, extension and the Atw shift. */
  baseDeadline: string;
  /** The deadline that counts: the earlier of the Awb term and the five-week term. */
  deadline: string;
  /** The Awb term: base + suspended days + extension, then shifted by the Atw to a working day. */
  awbDeadline: string;
  /** The five-week term after the wage value is established; null until it is. */
  wageValueTerm: WageValueTerm | null;
  /** Which term ends first ('both' when they end on the same day; 'awb' while only the Awb term runs). */
  endsFirst: TermThatEndsFirst;
  /** Calendar days the Awb term is suspended; an open suspension counts up to and including today. */
  suspendedDays: number;
  /** True while a suspension is open. */
  suspended: boolean;
  extensionWeeks: number | null;
  /** Calendar days from today to deadline (negative when overdue); while suspended, as if the information arrives today. */
  daysLeft: number;
  state: 'running' | 'suspended' | 'overdue';
}

export const DECISION_TERM_WEEKS = 8;

/** Participatiewet art. 10d: weeks after the wage value is established within which the decision follows. */
export const WAGE_VALUE_TERM_WEEKS = 5;

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

/**
 * Days of the suspensions that fall after `start` (Awb 4:15 suspends "met ingang van de dag na" the
 * request "tot de dag waarop" the information arrives: the days strictly between the two dates; sent
 * Monday the 1st and answered Friday the 5th suspends the 2nd to the 4th). A term that starts during
 * a suspension is suspended from the day after it starts.
 */
function suspendedDaysAfter(suspensions: ResolvedSuspension[], start: LocalDate): number {
  return suspensions.reduce((sum, s) => {
    const from = s.from.isBefore(start) ? start : s.from;
    return sum + Math.max(0, daysBetween(from, s.end) - 1);
  }, 0);
}

function termDeadline(start: LocalDate, weeks: number, suspendedDays: number, extensionWeeks: number): LocalDate {
  const unshifted = start.plusWeeks(weeks).plusDays(suspendedDays).plusWeeks(extensionWeeks);
  return parseCalendarDate(nextWorkingDayOnOrAfter(unshifted.toString()));
}

export function decisionClock(input: DecisionClockInput): DecisionClock {
  const submittedOn = parseDate(input.submittedOn, 'submittedOn');
  const today = parseDate(input.today, 'today');
  const { extensionWeeks } = input;
  if (extensionWeeks !== null && (!Number.isInteger(extensionWeeks) || extensionWeeks < 1)) {
    throw new Error(`extensionWeeks must be a positive integer or null, got ${extensionWeeks}`);
  }

  const suspensions = resolveSuspensions(input.suspensions, submittedOn, today);
  // An open suspension is counted as if the information arrives today.
  const suspendedDays = suspendedDaysAfter(suspensions, submittedOn);
  const suspended = suspensions.some((s) => s.open);

  const baseDeadline = submittedOn.plusWeeks(DECISION_TERM_WEEKS);
  const awbDeadline = termDeadline(submittedOn, DECISION_TERM_WEEKS, suspendedDays, extensionWeeks ?? 0);

  let wageValueTerm: WageValueTerm | null = null;
  let wageValueDeadline: LocalDate | null = null;
  if (input.wageValueEstablished) {
    const established = parseDate(input.wageValueEstablished.on, 'wageValueEstablished.on');
    const start = established.isBefore(submittedOn) ? submittedOn : established;
    const days = suspendedDaysAfter(suspensions, start);
    wageValueDeadline = termDeadline(start, WAGE_VALUE_TERM_WEEKS, days, 0);
    wageValueTerm = {
      establishedOn: established.toString(),
      basis: input.wageValueEstablished.basis,
      startsOn: start.toString(),
      baseDeadline: start.plusWeeks(WAGE_VALUE_TERM_WEEKS).toString(),
      deadline: wageValueDeadline.toString(),
      suspendedDays: days,
    };
  }

  const endsFirst: TermThatEndsFirst =
    wageValueDeadline === null || awbDeadline.isBefore(wageValueDeadline)
      ? 'awb'
      : wageValueDeadline.isBefore(awbDeadline)
        ? 'wage-value'
        : 'both';
  const deadline = endsFirst === 'wage-value' ? (wageValueDeadline as LocalDate) : awbDeadline;
  const daysLeft = daysBetween(today, deadline);

  return {
    baseDeadline: baseDeadline.toString(),
    deadline: deadline.toString(),
    awbDeadline: awbDeadline.toString(),
    wageValueTerm,
    endsFirst,
    suspendedDays,
    suspended,
    extensionWeeks,
    daysLeft,
    state: suspended ? 'suspended' : today.isAfter(deadline) ? 'overdue' : 'running',
  };
}

/**
 * What starts the five-week term: the earliest wage-value assessment (its `assessedOn`, the day the
 * wage value was measured and so established) or the recorded decision that no measurement is
 * needed, whichever came first. Null when neither exists.
 */
export function wageValueEstablished(
  assessedOn: readonly string[],
  noMeasurementDecidedOn: string | null,
): WageValueEstablished | null {
  const firstAssessed = assessedOn.length ? [...assessedOn].sort()[0] : null;
  if (firstAssessed !== null && (noMeasurementDecidedOn === null || firstAssessed <= noMeasurementDecidedOn)) {
    return { on: firstAssessed, basis: 'wage-value-assessment' };
  }
  return noMeasurementDecidedOn === null ? null : { on: noMeasurementDecidedOn, basis: 'no-measurement-needed' };
}

/** What an application contributes to its decision clock. */
export interface ApplicationTerm {
  submittedOn: string;
  extensionWeeks: number | null;
  /** What started the five-week term of Participatiewet art. 10d, if anything has yet. */
  wageValueEstablished?: WageValueEstablished | null;
}

/** An information request to the applicant: it suspends the term from `requestedOn` until `receivedOn`. */
export interface InformationRequestDates {
  requestedOn: string;
  receivedOn: string | null;
}

/**
 * The decision clock of an application on `today`: each information request suspends the terms
 * (Awb 4:15), the one extension lengthens the Awb term (Awb 4:14), and once the wage value is
 * established the five-week term of Participatiewet art. 10d runs besides it. The application view,
 * the deadlines list, the work queue and the overview's "decided within the term" all come from here.
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
    wageValueEstablished: application.wageValueEstablished ?? null,
  });
}

/**
 * Whether a decision given on `decidedOn` was in time: the application's clock on that day was not
 * overdue, exactly as the work queue would have shown it then (a term suspended or extended
 * lawfully is not late; the earlier of the Awb and the five-week term counts). Requests sent, and a
 * wage value established, after the decision do not change the term it was given in.
 */
export function decidedWithinTerm(
  application: ApplicationTerm,
  informationRequests: InformationRequestDates[],
  decidedOn: string,
): boolean {
  const before = informationRequests.filter((r) => r.requestedOn <= decidedOn);
  const established = application.wageValueEstablished;
  return (
    applicationDecisionClock(
      { ...application, wageValueEstablished: established && established.on <= decidedOn ? established : null },
      before,
      decidedOn,
    ).state !== 'overdue'
  );
}
