import { LocalDate } from '@js-joda/core';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * Calendar dates travel as ISO `YYYY-MM-DD` strings end to end (API, domain, Postgres `date`),
 * so no time zone can shift them. js-joda does the calendar arithmetic.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  try {
    LocalDate.parse(value);
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

/** Today in the Netherlands, as a calendar date. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return AMSTERDAM_DATE.format(now);
}
