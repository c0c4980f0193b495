export type Scale = 'regular' | 'bbl';

export interface MinimumWageRate {
  validFrom: string;
  validUntil: string | null;
  scale: Scale;
  /** The highest age in a period also covers everyone older. */
  age: number;
  /** Decimal euros, e.g. '14.71'. */
  hourly: string;
}

export interface LksParameterSet {
  validFrom: string;
  validUntil: string | null;
  capPercentage: string;
  holidayAllowancePercentage: string;
  employerCostsPercentage: string;
  flatRatePercentage: string;
  flatRateMaxMonths: number;
}

export interface LksReferenceData {
  minimumWageRates: MinimumWageRate[];
  parameters: LksParameterSet[];
}

export interface LksInput {
  periodStart: string;
  periodEnd: string;
  /** Start of the flat-rate window; defaults to periodStart. */
  contractStart?: string;
  dateOfBirth: string;
  hoursPerWeek: number | string;
  /** Required unless flatRate. */
  wageValuePercentage?: number | string | null;
  scale: Scale;
  flatRate: boolean;
}

export interface LksMonth {
  /** 'YYYY-MM' */
  month: string;
  firstDay: string;
  lastDay: string;
  daysCovered: number;
  daysInMonth: number;
  /** Age on firstDay, the month's reference day. */
  age: number;
  /** Scale of the rate row actually used (bbl falls back to regular outside ages with a bbl row). */
  scale: Scale;
  minimumWagePeriod: { validFrom: string; validUntil: string | null };
  hourlyMinimumWage: string;
  hoursPerWeek: string;
  /** null when the flat rate is used: the wage value then plays no part. */
  wageValuePercentage: string | null;
  flatRate: boolean;
  /** Share of the monthly minimum wage that is the gap, before the cap. */
  gapPercentage: string;
  capPercentage: string;
  holidayAllowancePercentage: string;
  employerCostsPercentage: string;
  /** Money breakdown for a fully covered month, euros rounded half-up to 4 decimals (display only). */
  minimumWageMonthly: string;
  gap: string;
  cappedGap: string;
  capApplied: boolean;
  holidayAllowance: string;
  employerCosts: string;
  fullMonthAmount: string;
  /** daysCovered / daysInMonth rounded half-up to 6 decimals, always 6 decimals ('1.000000'). */
  prorationFactor: string;
  /** Exact fullMonthAmount × daysCovered / daysInMonth, rounded half-up to the cent once. */
  total: string;
  totalCents: number;
}

export interface LksResult {
  months: LksMonth[];
  /** Sum of the rounded month totals. */
  total: string;
  totalCents: number;
  noSubsidyReason?: string;
}
