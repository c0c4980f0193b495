import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LksInput, LksParameterSet, LksReferenceData, MinimumWageRate } from '../../../src/lks-calculation/domain';
import { minimumWageRatesFromCsv } from '../../../src/reference-data/minimum-wage-csv';

/**
 * The sourced Dutch minimum wage rows (reference/minimum-wage.csv). Each period runs until the day
 * before the next period starts; the last one (2026-01-01) is taken to end on 2026-06-30.
 */
export function dutchMinimumWageRates(): MinimumWageRate[] {
  return minimumWageRatesFromCsv(readFileSync(join(__dirname, '../../../reference/minimum-wage.csv')), '2026-06-30');
}

/** The LKS parameters from 2018-01-01 (employer costs 23.5%, Regeling loonkostensubsidie Participatiewet art. 1). */
export const LKS_PARAMETERS: LksParameterSet = {
  validFrom: '2018-01-01',
  validUntil: null,
  capPercentage: '70.00',
  holidayAllowancePercentage: '8.00',
  employerCostsPercentage: '23.50',
  flatRatePercentage: '50.00',
  flatRateMaxMonths: 6,
};

/** 2015-01-01 – 2017-12-31: employer costs 23%, the other parameters as later. */
export const LKS_PARAMETERS_2015: LksParameterSet = {
  ...LKS_PARAMETERS,
  validFrom: '2015-01-01',
  validUntil: '2017-12-31',
  employerCostsPercentage: '23.00',
};

/** The parameter history as the database holds it (migration 1764900000000). */
export function dutchReferenceData(): LksReferenceData {
  return { minimumWageRates: dutchMinimumWageRates(), parameters: [LKS_PARAMETERS_2015, LKS_PARAMETERS] };
}

/** An adult (born 1990-05-15), 32 hours a week, wage value 60%, regular scale. */
export function adultInput(overrides: Partial<LksInput> = {}): LksInput {
  return {
    periodStart: '2026-03-01',
    periodEnd: '2026-03-31',
    dateOfBirth: '1990-05-15',
    hoursPerWeek: 32,
    wageValuePercentage: 60,
    scale: 'regular',
    flatRate: false,
    ...overrides,
  };
}

/** Runs fn and returns what it threw, so a test can check the error's type, message and fields. */
export function thrownBy(fn: () => unknown): any {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
