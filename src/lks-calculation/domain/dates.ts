import { LocalDate } from '@js-joda/core';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict 'YYYY-MM-DD' → LocalDate, or null (also for impossible dates such as 2026-02-30). */
export function parseIsoDate(value: unknown): LocalDate | null {
  if (typeof value !== 'string') return null;
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  try {
    // LocalDate.of validates like the strict ISO parser but skips the (slow) formatter machinery.
    return LocalDate.of(Number(match[1]), Number(match[2]), Number(match[3]));
  } catch {
    return null;
  }
}

/** Completed years on `day`; same result as ChronoUnit.YEARS.between (29 February counts on 1 March). */
export function ageOn(dateOfBirth: LocalDate, day: LocalDate): number {
  const years = day.year() - dateOfBirth.year();
  const beforeBirthday =
    day.monthValue() < dateOfBirth.monthValue() ||
    (day.monthValue() === dateOfBirth.monthValue() && day.dayOfMonth() < dateOfBirth.dayOfMonth());
  return beforeBirthday ? years - 1 : years;
}

/** 'YYYY-MM' of a date. */
export function monthLabel(day: LocalDate): string {
  return `${day.year()}-${String(day.monthValue()).padStart(2, '0')}`;
}

/** Number of distinct calendar months touched by [start, end]. */
export function monthsTouched(start: LocalDate, end: LocalDate): number {
  return (end.year() - start.year()) * 12 + end.monthValue() - start.monthValue() + 1;
}
