import type { InvalidParam } from '../common/errors/domain-errors';

export interface RateInput {
  scale: 'regular' | 'bbl';
  age: number;
  percentage: string;
  hourly: string;
}

const ADULT_AGE = 21;
const BBL_AGES = [18, 19, 20];

/** '61.5' → 6150 (hundredths); '14.71' → 1471 (cents). Inputs are already format-checked. */
function hundredths(value: string): number {
  const [whole, fraction = ''] = value.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/**
 * A minimum wage table must be complete and internally consistent before anyone calculates with
 * it: one regular rate per age from the youngest up to 21 (= 21 and older, 100%), BBL rates only
 * for 18–20, and every amount equal to the adult amount × percentage, rounded half-up to the cent
 * (how the published amounts are made). A typo in one cell would otherwise pay the wrong subsidy.
 */
export function minimumWageRateProblems(rates: RateInput[]): InvalidParam[] {
  const problems: InvalidParam[] = [];
  const seen = new Set<string>();
  rates.forEach((r, i) => {
    const key = `${r.scale}:${r.age}`;
    if (seen.has(key)) problems.push({ name: `rates[${i}]`, reason: `duplicate rate for scale ${r.scale}, age ${r.age}` });
    seen.add(key);
    if (hundredths(r.percentage) === 0) {
      problems.push({ name: `rates[${i}].percentage`, reason: 'must be more than 0' });
    }
    if (r.scale === 'bbl' && !BBL_AGES.includes(r.age)) {
      problems.push({ name: `rates[${i}].age`, reason: 'the BBL scale only has rates for ages 18 to 20' });
    }
  });
  const regular = rates.filter((r) => r.scale === 'regular');
  const adult = regular.find((r) => r.age === ADULT_AGE);
  if (!adult) {
    problems.push({ name: 'rates', reason: 'a regular rate for age 21 (21 and older) is required' });
    return problems;
  }
  if (hundredths(adult.percentage) !== 10000) {
    problems.push({ name: `rates[${rates.indexOf(adult)}].percentage`, reason: 'the rate for 21 and older must be 100%' });
  }
  const youngest = Math.min(...regular.map((r) => r.age));
  for (let age = youngest; age < ADULT_AGE; age++) {
    if (!regular.some((r) => r.age === age)) {
      problems.push({ name: 'rates', reason: `a regular rate for age ${age} is missing (ages must run from ${youngest} to 21)` });
    }
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
