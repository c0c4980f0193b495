/**
 * Dutch display formats for the portal pages. Amounts are formatted from integer cents or decimal
 * strings with string arithmetic only, so no float ever touches money.
 */
const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 123456 → "€ 1.234,56"; -5 → "-€ 0,05". */
export function euroFromCents(cents: number | string | null | undefined): string {
  if (cents === null || cents === undefined || cents === '') return '';
  const text = String(cents);
  if (!/^-?\d+$/.test(text)) return text;
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(3, '0');
  const whole = groupThousands(digits.slice(0, -2).replace(/^0+(?=\d)/, ''));
  return `${negative ? '-' : ''}€ ${whole},${digits.slice(-2)}`;
}

/** "1234.5" or "1234.56" → "€ 1.234,50" / "€ 1.234,56". */
export function euroFromDecimal(amount: string | number | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(amount));
  if (!match) return String(amount);
  return euroFromCents(`${match[1]}${match[2]}${(match[3] ?? '').padEnd(2, '0')}`.replace(/^(-?)0+(?=\d)/, '$1'));
}

/** "2026-11-22" → "22 november 2026"; a timestamp shows its date in Amsterdam. */
export function dutchDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const iso = value instanceof Date || value.length > 10 ? amsterdamDate(new Date(value)) : value;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return String(value);
  return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** "2026-03" → "maart 2026". */
export function dutchMonth(value: string | null | undefined): string {
  const match = value ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  return match ? `${MONTHS[Number(match[2]) - 1]} ${match[1]}` : (value ?? '');
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
