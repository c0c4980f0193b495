/**
 * Exact decimal helpers. Amounts are integers scaled by a power of ten (e.g. cents), so no binary
 * float ever holds a fraction of a euro.
 */

const DECIMAL = /^(-?)(\d{1,15})(?:\.(\d+))?$/;
const POW10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

/**
 * '32.5' or 32.5 with decimals 2 → 3250. Returns null when the value is not a plain decimal or has
 * more than `decimals` significant decimals (trailing zeros are fine: '70.000' → 7000).
 */
export function parseDecimalToScaled(value: number | string, decimals: number): number | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // String() gives the shortest text that round-trips, so 32.55 stays '32.55', not 32.549999…
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return null;
  }
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) return null;
  const scaled = Number(match[2]) * POW10[decimals] + Number(fraction.padEnd(decimals, '0') || '0');
  if (!Number.isSafeInteger(scaled)) return null;
  return match[1] === '-' && scaled !== 0 ? -scaled : scaled;
}

/** 123456 with decimals 2 → '1234.56'; always exactly `decimals` decimals. */
export function formatScaled(scaled: number, decimals: number): string {
  const abs = Math.abs(scaled);
  const unit = POW10[decimals];
  const fraction = abs % unit;
  const whole = (abs - fraction) / unit;
  const text = decimals === 0 ? String(whole) : `${whole}.${String(fraction).padStart(decimals, '0')}`;
  return scaled < 0 ? `-${text}` : text;
}

/** Like formatScaled, without trailing zeros: 3250 → '32.5', 4000 → '40'. */
export function formatScaledTrimmed(scaled: number, decimals: number): string {
  const text = formatScaled(scaled, decimals);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Integer cents → '1234.56' ('-0.05' for negatives). */
export function formatCents(cents: number): string {
  return formatScaled(cents, 2);
}

/** num / den rounded half-up, for non-negative safe integers (2·num + den must stay safe). */
export function divRoundHalfUp(num: number, den: number): number {
  const twice = 2 * num + den;
  const doubleDen = 2 * den;
  return (twice - (twice % doubleDen)) / doubleDen;
}

/** num / den rounded half-up, for non-negative bigints. */
export function divRoundHalfUpBig(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}
