import { DayOfWeek, LocalDate } from '@js-joda/core';
import { parseCalendarDate } from './calendar-date';

/**
 * Working days under the Algemene termijnenwet (Atw).
 *
 * Atw art. 1: a statutory term that would end on a Saturday, Sunday or a generally recognised
 * public holiday ("algemeen erkende feestdag") is extended to the next day that is none of these.
 * Atw art. 3 lists those holidays: Nieuwjaarsdag, Tweede Paasdag, Hemelvaartsdag, Tweede
 * Pinksterdag, Eerste en Tweede Kerstdag, the day the King's birthday is celebrated (Koningsdag)
 * and 5 May (Bevrijdingsdag, every year: the Atw does not limit it to lustrum years).
 *
 * Goede Vrijdag (Good Friday) is NOT in the Atw list and is therefore a working day here.
 * Eerste Paasdag and Eerste Pinksterdag are not listed either; they always fall on a Sunday.
 *
 * Only the current list is modelled (Koningsdag exists since 2014; before that it was
 * Koninginnedag on 30 April), so years before 2014 are rejected rather than answered wrongly.
 *
 * The API speaks ISO `YYYY-MM-DD` strings (see calendar-date.ts); js-joda does the arithmetic.
 */

const FIRST_SUPPORTED_YEAR = 2014;
const LAST_SUPPORTED_YEAR = 9999;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string, name = 'date'): LocalDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new RangeError(`${name} must be a calendar date as YYYY-MM-DD, got ${String(value)}`);
  }
  try {
    // Strict: 2025-02-30 throws.
    return parseCalendarDate(value);
  } catch {
    throw new RangeError(`${name} is not a valid calendar date: ${value}`);
  }
}

function assertSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(`year must be an integer from ${FIRST_SUPPORTED_YEAR} to ${LAST_SUPPORTED_YEAR}, got ${year}`);
  }
}

/** Easter Sunday (Gregorian calendar), by the anonymous Gregorian ("Meeus/Jones/Butcher") algorithm. */
export function easterSunday(year: number): string {
  assertSupportedYear(year);
  return computeEaster(year).toString();
}

function computeEaster(year: number): LocalDate {
  const a = year % 19; // position in the 19-year Metonic cycle
  const b = Math.floor(year / 100); // century
  const c = year % 100; // year within the century
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30; // epact-related: days from 21 March to the paschal full moon
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7; // days from the full moon to the next Sunday
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return LocalDate.of(year, month, day);
}

interface YearHolidays {
  readonly list: readonly string[];
  readonly set: ReadonlySet<string>;
}

const holidayCache = new Map<number, YearHolidays>();

function holidaysFor(year: number): YearHolidays {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  assertSupportedYear(year);

  const easter = computeEaster(year);
  const kingsBirthday = LocalDate.of(year, 4, 27);
  const days: LocalDate[] = [
    LocalDate.of(year, 1, 1), // Nieuwjaarsdag
    easter.plusDays(1), // Tweede Paasdag
    easter.plusDays(39), // Hemelvaartsdag (Thursday)
    easter.plusDays(50), // Tweede Pinksterdag
    // Koningsdag: 27 April, or Saturday 26 April when 27 April is a Sunday.
    kingsBirthday.dayOfWeek() === DayOfWeek.SUNDAY ? kingsBirthday.minusDays(1) : kingsBirthday,
    LocalDate.of(year, 5, 5), // Bevrijdingsdag (may coincide with Hemelvaartsdag)
    LocalDate.of(year, 12, 25), // Eerste Kerstdag
    LocalDate.of(year, 12, 26), // Tweede Kerstdag
  ];
  const set = new Set(days.map((d) => d.toString()));
  const entry: YearHolidays = { list: Object.freeze([...set].sort()), set };
  holidayCache.set(year, entry);
  return entry;
}

function isHoliday(date: LocalDate): boolean {
  return holidaysFor(date.year()).set.has(date.toString());
}

function isWorkingLocalDate(date: LocalDate): boolean {
  const dow = date.dayOfWeek();
  if (dow === DayOfWeek.SATURDAY || dow === DayOfWeek.SUNDAY) return false;
  return !isHoliday(date);
}

/** The Atw art. 3 holidays of `year`, ISO dates in ascending order, without duplicates. */
export function dutchPublicHolidays(year: number): string[] {
  return [...holidaysFor(year).list];
}

/** Monday to Friday and not an Atw art. 3 holiday. */
export function isWorkingDay(date: string): boolean {
  return isWorkingLocalDate(parseDate(date));
}

/** `date` itself when it is a working day, else the first working day after it (the Atw art. 1 shift). */
export function nextWorkingDayOnOrAfter(date: string): string {
  let d = parseDate(date);
  while (!isWorkingLocalDate(d)) d = d.plusDays(1);
  return d.toString();
}

/**
 * The n-th working day after `date` (`date` itself is not counted). n = 0 returns `date`
 * unchanged, whether or not it is a working day.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  let d = parseDate(date);
  let remaining = n;
  while (remaining > 0) {
    d = d.plusDays(1);
    if (isWorkingLocalDate(d)) remaining -= 1;
  }
  return d.toString();
}

/** Number of working days in the half-open interval (from, to]; 0 when to <= from. */
export function workingDaysBetween(from: string, to: string): number {
  const start = parseDate(from, 'from');
  const end = parseDate(to, 'to');
  let count = 0;
  for (let d = start.plusDays(1); !d.isAfter(end); d = d.plusDays(1)) {
    if (isWorkingLocalDate(d)) count += 1;
  }
  return count;
}
