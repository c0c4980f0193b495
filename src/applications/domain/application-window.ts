import { LocalDate } from '@js-joda/core';
import { parseCalendarDate } from '../../common/dates/calendar-date';
import { nextWorkingDayOnOrAfter } from '../../common/dates/working-days';

/**
 * When an employer may apply for wage-cost subsidy, and the flat-rate period (pure; ISO
 * `YYYY-MM-DD` strings in and out).
 *
 * Participatiewet art. 10d, as it reads since the Breed offensief (Wet van 30 november 2022,
 * Stb. 2022, 499, https://zoek.officielebekendmakingen.nl/stb-2022-499.html; in force 1 July 2023):
 *
 * - Lid 1: the college grants LKS when an employer "voornemens is een dienstbetrekking aan te gaan"
 *   with a person of the LKS target group. The application therefore comes before the employment:
 *   here, submitted at the latest on the day before the contract starts (the law speaks of entering
 *   into the employment; Werkkans records its start, not the day the contract was signed).
 * - Lid 2: "Het college verleent op aanvraag van de werkgever of werknemer, gedaan binnen zes maanden na
 *   het begin van de dienstbetrekking, ... loonkostensubsidie als ... die persoon in de periode van zes
 *   maanden voorafgaand aan de dienstbetrekking: a. deelnam aan: 1° het praktijkonderwijs ...; 2° het
 *   voortgezet speciaal onderwijs ...; of 3° de entreeopleiding ...; dan wel b. een persoon was als
 *   bedoeld in artikel 7, eerste lid, onderdeel a" (text of wetten.overheid.nl BWBR0015703, version
 *   2025-02-04). Where the issue says "helped to the job by the municipality", the law says: in the six
 *   months before, a person the college supports towards work under art. 7 lid 1 a (someone on social
 *   assistance, or another person in the municipality's re-integration care). The origin
 *   `municipality-placement` stands for that, and its Dutch label says so.
 * - Lid 5: the flat-rate LKS (forfaitair, 50% of the minimum wage) covers at most "de eerste zes
 *   maanden" of the employment; its length is the LKS parameter `flatRateMaxMonths`.
 *
 * Reckoning. "Binnen zes maanden na aanvang" runs from the day after the start and ends on the day
 * with the same number six months later (as Awb 6:8 counts a term after an event; js-joda clamps
 * 31 August + 6 months to the end of February), moved off a weekend or holiday by the Algemene
 * termijnenwet (art. 1: a statutory term ending on such a day ends on the next working day). "The
 * first six months of the employment" is a period of the employment itself: from the start day up to
 * and including the day before the same date six months later (as the LKS calculation counts it).
 */

export const EMPLOYMENT_ORIGINS = [
  'praktijkonderwijs',
  'voortgezet-speciaal-onderwijs',
  'mbo-entree',
  'municipality-placement',
  'other',
] as const;
export type EmploymentOrigin = (typeof EMPLOYMENT_ORIGINS)[number];

/** The origins for which art. 10d lid 2 allows applying after the employment started. */
export const LATE_APPLICATION_ORIGINS: readonly EmploymentOrigin[] = [
  'praktijkonderwijs',
  'voortgezet-speciaal-onderwijs',
  'mbo-entree',
  'municipality-placement',
];

/** Art. 10d lid 2: months after the start of the employment within which these employers may apply. */
export const LATE_APPLICATION_MONTHS = 6;

export type ApplicationWindowKind = 'before-start' | 'within-six-months-after-start';

export interface ApplicationWindow {
  kind: ApplicationWindowKind;
  /** The last day an application is received in time. */
  lastDay: string;
}

/**
 * The window in which an application for an employment starting on `contractStart` may be
 * submitted. An origin that is unknown (null: applications from before the rule was recorded)
 * gets the general rule of lid 1.
 */
export function applicationWindow(contractStart: string, origin: EmploymentOrigin | null): ApplicationWindow {
  const start = parseCalendarDate(contractStart);
  if (origin !== null && LATE_APPLICATION_ORIGINS.includes(origin)) {
    return {
      kind: 'within-six-months-after-start',
      lastDay: nextWorkingDayOnOrAfter(start.plusMonths(LATE_APPLICATION_MONTHS).toString()),
    };
  }
  return { kind: 'before-start', lastDay: start.minusDays(1).toString() };
}

export type ApplicationWindowCheck = ({ allowed: true } | { allowed: false; reason: string }) & ApplicationWindow;

/** Whether an application submitted on `submittedOn` is within its window, and if not, why (naming the window and its last day). */
export function checkApplicationWindow(
  contractStart: string,
  origin: EmploymentOrigin | null,
  submittedOn: string,
): ApplicationWindowCheck {
  const window = applicationWindow(contractStart, origin);
  if (parseCalendarDate(submittedOn).isAfter(parseCalendarDate(window.lastDay))) {
    const reason =
      window.kind === 'before-start'
        ? `the application must be submitted before the employment starts on ${contractStart}; the last day was ${window.lastDay}`
        : `the application must be submitted within ${LATE_APPLICATION_MONTHS} months after the employment started on ${contractStart}; the last day was ${window.lastDay}`;
    return { allowed: false, reason, ...window };
  }
  return { allowed: true, ...window };
}

/** The last day of the flat-rate period (art. 10d lid 5): the first `flatRateMaxMonths` months of the employment. */
export function flatRateWindowEnd(contractStart: string, flatRateMaxMonths: number): string {
  return flatRateWindowEndDate(parseCalendarDate(contractStart), flatRateMaxMonths).toString();
}

export function flatRateWindowEndDate(contractStart: LocalDate, flatRateMaxMonths: number): LocalDate {
  return contractStart.plusMonths(flatRateMaxMonths).minusDays(1);
}
