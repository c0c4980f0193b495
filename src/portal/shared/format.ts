import { formatCents, formatDateNl, formatMoney, formatMonthNl } from '../../decisions/pdf/format-nl';

/**
 * Dutch display formats for the portal pages, on the same formatting as the decision letters
 * (src/decisions/pdf/format-nl.ts: string and integer arithmetic only, no float touches money).
 * Tolerant for templates: an empty value shows nothing, a value of another shape shows as it is.
 */

/** 123456 → "€ 1.234,56"; -5 → "€ -0,05". */
export function euroFromCents(cents: number | string | null | undefined): string {
  if (cents === null || cents === undefined || cents === '') return '';
  const text = String(cents);
  return /^-?\d+$/.test(text) ? formatCents(BigInt(text)) : text;
}

/** "1234.5" or "1234.56" → "€ 1.234,50" / "€ 1.234,56". */
export function euroFromDecimal(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const text = String(amount);
  return /^-?\d+(\.\d+)?$/.test(text) ? formatMoney(text) : text;
}

/** "2026-11-22" → "22 november 2026"; a timestamp shows its date in Amsterdam. */
export function dutchDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const iso = value instanceof Date || value.length > 10 ? amsterdamDate(new Date(value)) : value;
  try {
    return formatDateNl(iso);
  } catch {
    return String(value);
  }
}

/** "2026-03" → "maart 2026". */
export function dutchMonth(value: string | null | undefined): string {
  if (!value) return '';
  try {
    return formatMonthNl(value);
  } catch {
    return value;
  }
}

/** A moment as date and time in Amsterdam: "22 november 2026 14:05". */
export function dutchDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  const time = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }).format(
    date,
  );
  return `${dutchDate(date)} ${time}`;
}

function amsterdamDate(date: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}
