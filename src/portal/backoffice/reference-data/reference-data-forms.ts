import { decimalField } from '../../shared/forms';
import type { FormNumbers } from './form-numbers';

/** The rows of a minimum wage table, in the order the tables are published (statutory percentages as defaults). */
export const WAGE_ROWS: Array<{ scale: 'regular' | 'bbl'; age: number; percentage: string; label: string }> = [
  { scale: 'regular', age: 21, percentage: '100.00', label: '21 jaar en ouder' },
  { scale: 'regular', age: 20, percentage: '80.00', label: '20 jaar' },
  { scale: 'regular', age: 19, percentage: '60.00', label: '19 jaar' },
  { scale: 'regular', age: 18, percentage: '50.00', label: '18 jaar' },
  { scale: 'regular', age: 17, percentage: '39.50', label: '17 jaar' },
  { scale: 'regular', age: 16, percentage: '34.50', label: '16 jaar' },
  { scale: 'regular', age: 15, percentage: '30.00', label: '15 jaar' },
  { scale: 'bbl', age: 20, percentage: '61.50', label: '20 jaar, BBL' },
  { scale: 'bbl', age: 19, percentage: '52.50', label: '19 jaar, BBL' },
  { scale: 'bbl', age: 18, percentage: '45.50', label: '18 jaar, BBL' },
];

/** Labels of the rate fields, for error summaries: `rates[i]`, `rates[i].percentage`, `rates[i].hourly`. */
export function wageRowLabels(): Record<string, string> {
  const labels: Record<string, string> = { rates: 'Bedragen' };
  WAGE_ROWS.forEach((row, i) => {
    labels[`rates[${i}]`] = row.label;
    labels[`rates[${i}].percentage`] = `Percentage, ${row.label}`;
    labels[`rates[${i}].hourly`] = `Uurbedrag, ${row.label}`;
  });
  return labels;
}

export const PARAMETER_LABELS = {
  capPercentage: 'Maximum (procent van het minimumloon)',
  holidayAllowancePercentage: 'Vakantiebijslag (procent)',
  employerCostsPercentage: 'Tegemoetkoming werkgeverslasten (procent)',
  flatRatePercentage: 'Forfaitaire loonkostensubsidie (procent)',
  flatRateMaxMonths: 'Forfaitair hoogstens (maanden)',
};

/** The minimum wage form's fields in the API's shape (rates in the order of WAGE_ROWS). */
export function minimumWageFormInput(body: Record<string, unknown>) {
  return {
    rates: WAGE_ROWS.map((row, i) => ({
      scale: row.scale,
      age: row.age,
      percentage: decimalField(body[`rates[${i}].percentage`]),
      hourly: decimalField(body[`rates[${i}].hourly`]),
    })),
  };
}

/** The LKS parameter form's percentages in the API's shape. */
export function parameterFormInput(body: Record<string, unknown>, numbers: FormNumbers) {
  return {
    capPercentage: decimalField(body.capPercentage),
    holidayAllowancePercentage: decimalField(body.holidayAllowancePercentage),
    employerCostsPercentage: decimalField(body.employerCostsPercentage),
    flatRatePercentage: decimalField(body.flatRatePercentage),
    flatRateMaxMonths: numbers.wholeNumber(body.flatRateMaxMonths, 'flatRateMaxMonths'),
  };
}
