import type { InvalidParam } from '../common/errors/domain-errors';

export interface RateInput {
  scale: 'regular' | 'bbl';
  age: number;
  percentage: string;
  hourly: string;
}

const ADULT_AGE = 21;
/** The statutory table: youth rates from 15, 21 and older at 100%, and the BBL scale for 18–20. */
const REQUIRED: Array<{ scale: 'regular' | 'bbl'; ages: number[] }> = [
  { scale: 'regular', ages: [15, 16, 17, 18, 19, 20, 21] },
  { scale: 'bbl', ages: [18, 19, 20] },
];

/** '61.5' → 6150 (hundredths); '14.71' → 1471 (cents). Inputs are already format-checked. */
function hundredths(value: string): number {
  const [whole, fraction = ''] = value.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/**
 * A minimum wage table must be complete and internally consistent before anyone calculates with
 * it: exactly one regular rate for each age 15–21 (21 = 21 and older, 100%) and one BBL rate for
 * each age 18–20, and every amount equal to the adult amount × percentage, rounded half-up to the
 * cent (how the published amounts are made). A missing BBL row would silently fall back to the
 * higher regular rate, and a typo in one cell would pay the wrong subsidy.
 */
export function minimumWageRateProblems(rates: RateInput[]): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const seen = new Set<string>();
  rates.forEach((r, i) => {
    const key = `${r.scale}:${r.age}`;
    if (seen.has(key)) problems.push({ name: `rates[${i}]`, reason: `duplicate rate for scale ${r.scale}, age ${r.age}` });
    seen.add(key);
    if (!REQUIRED.some((req) => req.scale === r.scale && req.ages.includes(r.age))) {
      problems.push({ name: `rates[${i}].age`, reason: `the ${r.scale} scale has no rate for age ${r.age}` });
    }
    if (hundredths(r.percentage) === 0) problems.push({ name: `rates[${i}].percentage`, reason: 'must be more than 0' });
    if (hundredths(r.hourly) === 0) problems.push({ name: `rates[${i}].hourly`, reason: 'must be more than 0' });
  });
  for (const { scale, ages } of REQUIRED) {
    for (const age of ages) {
      if (!seen.has(`${scale}:${age}`)) problems.push({ name: 'rates', reason: `a ${scale} rate for age ${age} is missing` });
    }
  }
  const adult = rates.find((r) => r.scale === 'regular' && r.age === ADULT_AGE);
  if (!adult) return problems;
  if (hundredths(adult.percentage) !== 10000) {
    problems.push({ name: `rates[${rates.indexOf(adult)}].percentage`, reason: 'the rate for 21 and older must be 100%' });
  }
  const adultCents = hundredths(adult.hourly);
  rates.forEach((r, i) => {
    // cents × hundredths-of-percent / 10000, rounded half-up, in integers.
    const expected = Math.floor((adultCents * hundredths(r.percentage) + 5000) / 10000);
    if (hundredths(r.hourly) !== expected) {
      const euros = (expected / 100).toFixed(2);
      problems.push({
        name: `rates[${i}].hourly`,
        reason: `must be ${euros} (${r.percentage}% of the adult amount ${adult.hourly}, rounded to the cent)`,
      });
    }
  });
  return problems;
}
