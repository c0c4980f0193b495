import type { SubsidyCalculationView } from '../../../applications/applications.dto';

/** "2039.7867" → "2.039,7867": a decimal string in Dutch notation, digits unchanged (no rounding, no floats). */
export function dutchDecimal(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  return `${match[1]}${match[2].replace(/\B(?=(\d{3})+(?!\d))/g, '.')}${match[3] ? `,${match[3]}` : ''}`;
}

/** An amount with the calculation's own precision (4 decimals between steps): "€ 2.039,7867". */
function euroPrecise(value: string): string {
  return `€ ${dutchDecimal(value)}`;
}

/**
 * The LKS calculation as the page shows it: per segment (flat rate or an assessed wage value) each
 * month with the minimum-wage period used and every step of the rule, in Dutch notation.
 */
export function calculationDisplay(calculation: SubsidyCalculationView) {
  return {
    periodStart: calculation.periodStart,
    periodEnd: calculation.periodEnd,
    total: calculation.total,
    segments: calculation.segments.map((segment) => ({
      basisLabel: segment.basis === 'flat-rate' ? 'Forfaitaire loonkostensubsidie' : 'Vastgestelde loonwaarde',
      periodStart: segment.periodStart,
      periodEnd: segment.periodEnd,
      total: segment.calculation.total,
      noSubsidyReason: segment.calculation.noSubsidyReason ?? null,
      months: segment.calculation.months.map((m) => ({
        month: m.month,
        minimumWagePeriod: m.minimumWagePeriod,
        age: m.age,
        scaleLabel: m.scale === 'bbl' ? 'BBL' : 'regulier',
        hourlyMinimumWage: euroPrecise(m.hourlyMinimumWage),
        hoursPerWeek: dutchDecimal(m.hoursPerWeek),
        basis: m.flatRate ? 'forfaitair' : `loonwaarde ${dutchDecimal(m.wageValuePercentage)}%`,
        minimumWageMonthly: euroPrecise(m.minimumWageMonthly),
        gapPercentage: `${dutchDecimal(m.gapPercentage)}%`,
        cappedGap: euroPrecise(m.cappedGap),
        capApplied: m.capApplied,
        capPercentage: `${dutchDecimal(m.capPercentage)}%`,
        holidayAllowance: euroPrecise(m.holidayAllowance),
        holidayAllowancePercentage: `${dutchDecimal(m.holidayAllowancePercentage)}%`,
        employerCosts: euroPrecise(m.employerCosts),
        employerCostsPercentage: `${dutchDecimal(m.employerCostsPercentage)}%`,
        fullMonthAmount: euroPrecise(m.fullMonthAmount),
        days: `${m.daysCovered} van ${m.daysInMonth}`,
        total: m.total,
      })),
    })),
  };
}
