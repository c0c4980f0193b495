/**
 * Dutch formatting for decision letters: dates ('2 maart 2026'), money ('€ 1.083,86') and decimals
 * ('12,5'). Pure string and integer arithmetic: money never passes through a floating-point number.
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
] as const;

/** Short month names as Dutch tables use them (mrt, not mar). */
const MONTHS_SHORT = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** '2026-03-02' → '2 maart 2026'. Throws on anything that is not a real ISO calendar date. */
export function formatDateNl(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(`not an ISO calendar date: ${JSON.stringify(isoDate)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not an ISO calendar date: ${JSON.stringify(isoDate)}`);
  }
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** '2026-03' → 'maart 2026'; with `short`: 'mrt 2026'. */
export function formatMonthNl(isoMonth: string, short = false): string {
  const match = ISO_MONTH.exec(isoMonth);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) throw new RangeError(`not an ISO month: ${JSON.stringify(isoMonth)}`);
  return `${(short ? MONTHS_SHORT : MONTHS)[month - 1]} ${match[1]}`;
}

/** Groups the digits of a non-negative integer string by thousands with dots: '1234567' → '1.234.567'. */
function groupThousands(digits: string): string {
  const stripped = digits.replace(/^0+(?=\d)/, '');
  let out = '';
  for (let i = 0; i < stripped.length; i++) {
    if (i > 0 && (stripped.length - i) % 3 === 0) out += '.';
    out += stripped[i];
  }
  return out;
}

/**
 * Integer cents → '1.083,86' (no currency sign), '-12,50' for negatives, '0,00' for zero.
 * Accepts a bigint too, for sums beyond 2^53 cents.
 */
export function formatCentsAmount(cents: number | bigint): string {
  if (typeof cents === 'number' && !Number.isSafeInteger(cents)) {
    throw new RangeError(`cents must be a safe integer: ${cents}`);
  }
  const value = BigInt(cents);
  const negative = value < 0n;
  const abs = (negative ? -value : value).toString().padStart(3, '0');
  const euros = abs.slice(0, -2);
  const fraction = abs.slice(-2);
  return `${negative ? '-' : ''}${groupThousands(euros)},${fraction}`;
}

/** Integer cents → '€ 1.083,86', '€ -12,50', '€ 0,00'. */
export function formatCents(cents: number | bigint): string {
  return `€ ${formatCentsAmount(cents)}`;
}

/**
 * A decimal money string as the calculation returns it ('1083.86', '-12.5', '7', or a 4-decimal
 * breakdown amount '2193.3600') → integer cents, without floating point. More than two decimals
 * are rounded half away from zero (as the calculation rounds), for display.
 */
export function decimalToCents(amount: string): bigint {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(amount)}`);
  const fraction = match[3] ?? '';
  let cents = BigInt(match[2]) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, '0'));
  if (fraction.length > 2 && fraction[2] >= '5') cents += 1n;
  return match[1] ? -cents : cents;
}

/** A decimal money string '1083.86' → '1.083,86' (no currency sign). */
export function formatMoneyAmount(amount: string): string {
  return formatCentsAmount(decimalToCents(amount));
}

/** A decimal money string '1083.86' → '€ 1.083,86'. */
export function formatMoney(amount: string): string {
  return formatCents(decimalToCents(amount));
}

/**
 * A decimal string → Dutch notation with a decimal comma and thousands dots: '12.5' → '12,5',
 * '1234.50' → '1.234,5'. Trailing fractional zeros are dropped ('70.00' → '70') unless
 * `minDecimals` keeps them ('14.1' with 2 → '14,10').
 */
export function formatDecimalNl(value: string, minDecimals = 0): string {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`not a decimal: ${JSON.stringify(value)}`);
  let fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length < minDecimals) fraction = fraction.padEnd(minDecimals, '0');
  const integer = groupThousands(match[2]);
  const isZero = /^0*$/.test(match[2]) && /^0*$/.test(fraction);
  const sign = match[1] && !isZero ? '-' : '';
  return `${sign}${integer}${fraction ? `,${fraction}` : ''}`;
}

/** A percentage as a decimal string → '70%', '55,5%'. */
export function formatPercentageNl(value: string): string {
  return `${formatDecimalNl(value)}%`;
}

/** A Dutch postal code as it is written: four digits, a space, two capitals ("1015 KD"); anything else as given. */
export function formatPostalCode(code: string): string {
  const match = /^\s*([1-9]\d{3})\s*([a-zA-Z]{2})\s*$/.exec(code);
  return match ? `${match[1]} ${match[2].toUpperCase()}` : code;
}
