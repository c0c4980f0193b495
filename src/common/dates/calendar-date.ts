import { LocalDate } from '@js-joda/core';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Calendar dates travel as ISO `YYYY-MM-DD` strings end to end (API, domain, Postgres `date`),
 * so no time zone can shift them. js-joda does the calendar arithmetic.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO `YYYY-MM-DD` string as a LocalDate. Throws a RangeError for another shape and js-joda's
 * DateTimeException for a date that does not exist (2025-02-30), as LocalDate.parse does, at a
 * tenth of its cost: every view of an application parses several dates.
 */
export function parseCalendarDate(value: string): LocalDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new RangeError(`not a calendar date as YYYY-MM-DD: ${String(value)}`);
  }
  return LocalDate.of(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)));
}

export function isCalendarDate(value: unknown): value is string {
  try {
    parseCalendarDate(value as string);
    return true;
  } catch {
    return false;
  }
}

export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: 'must be a calendar date as YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

export function addDays(date: string, days: number): string {
  return LocalDate.parse(date).plusDays(days).toString();
}

// Building an Intl formatter is costly; one serves every call.
const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });

/** The last date formatted and the UTC hour it was formatted for (see todayInAmsterdam). */
let lastToday: { hour: number; date: string } | undefined;

/**
 * Today in the Netherlands, as a calendar date. Since 1970 Amsterdam's offset from UTC is a whole
 * number of hours, so its date can only change on a whole UTC hour: within one UTC hour the date
 * formatted before is the answer again (formatting is the costly part of a busy request).
 */
export function todayInAmsterdam(now: Date = new Date()): string {
  const ms = now.getTime();
  const hour = Math.floor(ms / 3_600_000);
  if (lastToday?.hour === hour) return lastToday.date;
  const date = AMSTERDAM_DATE.format(now);
  if (ms >= 0) lastToday = { hour, date };
  return date;
}
