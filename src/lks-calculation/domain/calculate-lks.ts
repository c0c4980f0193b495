import { LocalDate } from '@js-joda/core';
import { BusinessRuleViolation, InvalidInput, InvalidParam, MissingReferenceData } from '../../common/errors/domain-errors';
import { ageOn, monthLabel, parseIsoDate } from './dates';
import {
  divRoundHalfUp,
  divRoundHalfUpBig,
  formatCents,
  formatScaled,
  formatScaledTrimmed,
  parseDecimalToScaled,
} from './decimal';
import { IndexedParameters, IndexedRate, PreparedLksReferenceData, prepareReferenceData } from './reference-data';
import { LksInput, LksMonth, LksReferenceData, LksResult, Scale } from './types';

/**
 * Longest period in months: periodEnd must be on or before periodStart + 36 months − 1 day, so a
 * 36-month contract starting mid-month (2024-01-15..2027-01-14) is allowed.
 */
export const MAX_PERIOD_MONTHS = 36;
const MAX_HOURS_HUNDREDTHS = 4_000;
const MAX_WAGE_VALUE_HUNDREDTHS = 100_000; // exclusive: 1000%
const FULL_PERCENT = 10_000; // 100% in hundredths of a percent

export const NO_SUBSIDY_REASON =
  'A wage value of 100% or more means the employee has no productivity gap, so no wage cost subsidy is due.';

interface ValidInput {
  start: LocalDate;
  end: LocalDate;
  contractStart: LocalDate;
  dateOfBirth: LocalDate;
  /** Hundredths of an hour. */
  hours: number;
  /** Hundredths of a percent; null only with the flat rate. */
  wageValue: number | null;
  scale: Scale;
  flatRate: boolean;
}

function validateInput(input: LksInput): ValidInput {
  const errors: InvalidParam[] = [];
  const date = (name: keyof LksInput): LocalDate | null => {
    const parsed = parseIsoDate(input[name]);
    if (!parsed) errors.push({ name, reason: 'must be a valid date YYYY-MM-DD' });
    return parsed;
  };
  const start = date('periodStart');
  const end = date('periodEnd');
  const dateOfBirth = date('dateOfBirth');
  // Without the flat rate the contract start only bounds periodStart, so it may default to it. With
  // the flat rate it must be given: defaulting it would let a period starting in month 7 pass the
  // flat-rate window check.
  let contractStart: LocalDate | null;
  if (input.contractStart != null) {
    contractStart = date('contractStart');
  } else if (input.flatRate === true) {
    contractStart = null;
    errors.push({
      name: 'contractStart',
      reason: 'is required with the flat rate: the flat-rate window counts from the contract start',
    });
  } else {
    contractStart = start;
  }

  if (start && end) {
    const latestEnd = start.plusMonths(MAX_PERIOD_MONTHS).minusDays(1);
    if (end.isBefore(start)) {
      errors.push({ name: 'periodEnd', reason: 'must not be before periodStart' });
    } else if (end.isAfter(latestEnd)) {
      errors.push({
        name: 'periodEnd',
        reason: `the period may cover at most ${MAX_PERIOD_MONTHS} months, so it must end on or before ${latestEnd}`,
      });
    }
  }
  if (start && contractStart && start.isBefore(contractStart)) {
    errors.push({ name: 'periodStart', reason: `must not be before contractStart (${contractStart})` });
  }
  if (start && dateOfBirth && !dateOfBirth.isBefore(start)) {
    errors.push({ name: 'dateOfBirth', reason: 'must be before periodStart' });
  }

  const hours = parseDecimalToScaled(input.hoursPerWeek, 2);
  if (hours === null || hours <= 0 || hours > MAX_HOURS_HUNDREDTHS) {
    errors.push({ name: 'hoursPerWeek', reason: 'must be a number above 0 and at most 40, with at most 2 decimals' });
  }

  let wageValue: number | null = null;
  if (input.wageValuePercentage === null || input.wageValuePercentage === undefined) {
    if (input.flatRate !== true) {
      errors.push({ name: 'wageValuePercentage', reason: 'is required unless flatRate is true' });
    }
  } else {
    wageValue = parseDecimalToScaled(input.wageValuePercentage, 2);
    if (wageValue === null || wageValue <= 0 || wageValue >= MAX_WAGE_VALUE_HUNDREDTHS) {
      errors.push({
        name: 'wageValuePercentage',
        reason: 'must be a percentage above 0 and below 1000, with at most 2 decimals',
      });
    }
  }
  if (input.scale !== 'regular' && input.scale !== 'bbl') {
    errors.push({ name: 'scale', reason: "must be 'regular' or 'bbl'" });
  }
  if (typeof input.flatRate !== 'boolean') {
    errors.push({ name: 'flatRate', reason: 'must be true or false' });
  }

  if (errors.length > 0) throw new InvalidInput(errors);
  return {
    start: start!,
    end: end!,
    contractStart: contractStart!,
    dateOfBirth: dateOfBirth!,
    hours: hours!,
    wageValue,
    scale: input.scale,
    flatRate: input.flatRate,
  };
}

function assertFlatRateWindow(input: ValidInput, reference: PreparedLksReferenceData): void {
  const parameters = reference.parametersOn(input.contractStart.toEpochDay());
  if (!parameters) {
    throw new MissingReferenceData(
      `No LKS parameters for ${monthLabel(input.contractStart)} (contract start ${input.contractStart}).`,
    );
  }
  const maxMonths = parameters.flatRateMaxMonths;
  const lastAllowed = input.contractStart.plusMonths(maxMonths).minusDays(1);
  if (input.end.isAfter(lastAllowed)) {
    const reason =
      `a flat-rate LKS may cover at most ${maxMonths} months from the contract start ${input.contractStart}, ` +
      `so the period must end on or before ${lastAllowed}`;
    throw new BusinessRuleViolation(`The period ends on ${input.end}, but ${reason}.`, [{ name: 'periodEnd', reason }]);
  }
}

/**
 * The rule (Participatiewet art. 10d lid 4): the subsidy is the statutory minimum wage plus its
 * holiday allowance (Wet minimumloon art. 15) minus the wage value plus the holiday allowance on it,
 * at most 70% of the minimum wage plus holiday allowance, plus the employer-cost compensation set in
 * art. 1 of the Regeling loonkostensubsidie Participatiewet 2021 (23.5%). Flat rate: art. 10d lid 5.
 *
 * The basis of the wage value in euros is the minimum wage, not the job's wage: art. 6 onderdeel g
 * defines the loonwaarde as a "vastgesteld percentage van het wettelijk minimumloon voor de door een
 * persoon, die tot de doelgroep loonkostensubsidie behoort, verrichte arbeid in een functie naar
 * evenredigheid van de arbeidsprestatie in die functie van een gemiddelde werknemer ..."
 * (wetten.overheid.nl/BWBR0015703/2025-02-04#Artikel6; the change from the job's wage came with the
 * stroomlijning act, Stb. 2016, 444, according to the sector's announcements of January 2017). The earlier
 * method (a percentage of the collective-agreement wage of the job, "rechtens geldend loon") is
 * what older calculation guidance still shows; a job wage above the minimum wage is the employer's
 * own cost and changes nothing here. So gap = (100% − wage value) × minimum wage, with the holiday
 * allowance applied to the capped gap, which is the same as the law's difference of the two amounts
 * each with holiday allowance. The Besluit loonkostensubsidie Participatiewet 2021 only measures the
 * percentage (against the normfunctie); it does not turn it into euros.
 *
 * Everything about a fully covered month that depends only on the rate and parameter rows, so
 * months sharing both (most of them) share one exact computation.
 *
 * Units, with H = hourly in cents, W = hours in hundredths, percentages p in hundredths of a %:
 *   minimum wage month = H/100 · W/100 · 52/12 euro = M / 30 000 euro, with M = 13·H·W
 *   capped gap         = c/10⁴ · M/(3·10⁴)          = K / (3·10⁸) euro, with K = c·M
 *   full month         = K·(10⁴+h)·(10⁴+e) / (3·10¹⁶) euro
 * Bounds (H < 10⁵, W ≤ 4000, c ≤ 10⁴) keep M, g·M and K below 2⁵³; only products with the
 * holiday and employer factors need BigInt.
 */
interface MonthBasis {
  rate: IndexedRate;
  parameters: IndexedParameters;
  hourlyMinimumWage: string;
  gapPercentage: string;
  capPercentage: string;
  holidayAllowancePercentage: string;
  employerCostsPercentage: string;
  minimumWageMonthly: string;
  gap: string;
  cappedGap: string;
  capApplied: boolean;
  holidayAllowance: string;
  employerCosts: string;
  fullMonthAmount: string;
  /** Full month in euro = fullNumerator / (3·10¹⁶). */
  fullNumerator: bigint;
  fullMonthCents: number;
}

const FULL_MONTH_TO_CENTS = 300_000_000_000_000n; // 3·10¹⁴
const TO_TEN_THOUSANDTHS_BIG = 3_000_000_000_000n; // 3·10¹²: K·… / (3·10¹⁶) euro → 10⁻⁴ euro

function computeBasis(rate: IndexedRate, parameters: IndexedParameters, input: ValidInput): MonthBasis {
  const gapShare = input.flatRate ? parameters.flatRate : Math.max(0, FULL_PERCENT - input.wageValue!);
  const capApplied = gapShare > parameters.cap;
  const cappedShare = capApplied ? parameters.cap : gapShare;
  const m = 13 * rate.hourlyCents * input.hours;
  const k = cappedShare * m;
  const bigK = BigInt(k);
  const holidayFactor = FULL_PERCENT + parameters.holidayAllowance;
  const fullNumerator = bigK * BigInt(holidayFactor * (FULL_PERCENT + parameters.employerCosts));
  // Breakdown strings are in 10⁻⁴ euro; the conversion back to number is safe as each is a few
  // thousand euros at most.
  const tenThousandths = (numerator: bigint) => formatScaled(Number(divRoundHalfUpBig(numerator, TO_TEN_THOUSANDTHS_BIG)), 4);
  return {
    rate,
    parameters,
    hourlyMinimumWage: formatScaled(rate.hourlyCents, 2),
    gapPercentage: formatScaledTrimmed(gapShare, 2),
    capPercentage: formatScaledTrimmed(parameters.cap, 2),
    holidayAllowancePercentage: formatScaledTrimmed(parameters.holidayAllowance, 2),
    employerCostsPercentage: formatScaledTrimmed(parameters.employerCosts, 2),
    minimumWageMonthly: formatScaled(divRoundHalfUp(m, 3), 4),
    gap: formatScaled(divRoundHalfUp(gapShare * m, 30_000), 4),
    cappedGap: formatScaled(divRoundHalfUp(k, 30_000), 4),
    capApplied,
    holidayAllowance: tenThousandths(bigK * BigInt(parameters.holidayAllowance) * 10_000n),
    employerCosts: tenThousandths(bigK * BigInt(holidayFactor * parameters.employerCosts)),
    fullMonthAmount: tenThousandths(fullNumerator),
    fullNumerator,
    fullMonthCents: Number(divRoundHalfUpBig(fullNumerator, FULL_MONTH_TO_CENTS)),
  };
}

/**
 * Wage cost subsidy per calendar month of the period. Each month is computed exactly and rounded
 * half-up to the cent once; the period total is the sum of those rounded months.
 */
export function calculateLks(input: LksInput, reference: LksReferenceData | PreparedLksReferenceData): LksResult {
  const valid = validateInput(input);
  const prepared = reference instanceof PreparedLksReferenceData ? reference : prepareReferenceData(reference);
  if (valid.flatRate) assertFlatRateWindow(valid, prepared);

  const hoursPerWeek = formatScaledTrimmed(valid.hours, 2);
  const wageValuePercentage = valid.flatRate ? null : formatScaledTrimmed(valid.wageValue!, 2);
  const bases: MonthBasis[] = [];
  const months: LksMonth[] = [];
  let totalCents = 0;

  for (let monthStart = valid.start.withDayOfMonth(1); !monthStart.isAfter(valid.end); monthStart = monthStart.plusMonths(1)) {
    const daysInMonth = monthStart.lengthOfMonth();
    const firstDay = monthStart.isBefore(valid.start) ? valid.start : monthStart;
    const monthEnd = monthStart.withDayOfMonth(daysInMonth);
    const lastDay = monthEnd.isAfter(valid.end) ? valid.end : monthEnd;
    const daysCovered = lastDay.dayOfMonth() - firstDay.dayOfMonth() + 1;
    const month = monthLabel(monthStart);
    const age = ageOn(valid.dateOfBirth, firstDay);
    const day = firstDay.toEpochDay();

    const rate = prepared.minimumWageFor(valid.scale, age, day);
    if (!rate) throw new MissingReferenceData(`No minimum wage for ${month} (scale ${valid.scale}, age ${age}).`);
    const parameters = prepared.parametersOn(day);
    if (!parameters) throw new MissingReferenceData(`No LKS parameters for ${month}.`);

    let basis = bases.find((b) => b.rate === rate && b.parameters === parameters);
    if (!basis) {
      basis = computeBasis(rate, parameters, valid);
      bases.push(basis);
    }
    const cents =
      daysCovered === daysInMonth
        ? basis.fullMonthCents
        : Number(divRoundHalfUpBig(basis.fullNumerator * BigInt(daysCovered), FULL_MONTH_TO_CENTS * BigInt(daysInMonth)));
    totalCents += cents;

    months.push({
      month,
      firstDay: firstDay.toString(),
      lastDay: lastDay.toString(),
      daysCovered,
      daysInMonth,
      age,
      scale: rate.scale,
      minimumWagePeriod: { validFrom: rate.validFrom, validUntil: rate.validUntil },
      hourlyMinimumWage: basis.hourlyMinimumWage,
      hoursPerWeek,
      wageValuePercentage,
      flatRate: valid.flatRate,
      gapPercentage: basis.gapPercentage,
      capPercentage: basis.capPercentage,
      holidayAllowancePercentage: basis.holidayAllowancePercentage,
      employerCostsPercentage: basis.employerCostsPercentage,
      minimumWageMonthly: basis.minimumWageMonthly,
      gap: basis.gap,
      cappedGap: basis.cappedGap,
      capApplied: basis.capApplied,
      holidayAllowance: basis.holidayAllowance,
      employerCosts: basis.employerCosts,
      fullMonthAmount: basis.fullMonthAmount,
      prorationFactor: formatScaled(divRoundHalfUp(daysCovered * 1_000_000, daysInMonth), 6),
      total: formatCents(cents),
      totalCents: cents,
    });
  }

  const result: LksResult = { months, total: formatCents(totalCents), totalCents };
  if (!valid.flatRate && valid.wageValue! >= FULL_PERCENT) result.noSubsidyReason = NO_SUBSIDY_REASON;
  return result;
}
