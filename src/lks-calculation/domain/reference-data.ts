import { InvalidInput, InvalidParam } from '../../common/errors/domain-errors';
import { parseIsoDate } from './dates';
import { parseDecimalToScaled } from './decimal';
import { LksParameterSet, LksReferenceData, MinimumWageRate, Scale } from './types';

/** Bounds that keep every product in calculate-lks.ts within the ranges its arithmetic assumes. */
const MAX_HOURLY_CENTS = 99_999;
const MAX_PERCENT_HUNDREDTHS = 10_000;

interface Validity {
  /** Epoch days, inclusive; `until` is Infinity when open ended. */
  from: number;
  until: number;
  validFrom: string;
  validUntil: string | null;
}

export interface IndexedRate extends Validity {
  scale: Scale;
  age: number;
  hourlyCents: number;
}

/** Percentages in hundredths of a percent: '70.00' → 7000. */
export interface IndexedParameters extends Validity {
  cap: number;
  holidayAllowance: number;
  employerCosts: number;
  flatRate: number;
  flatRateMaxMonths: number;
}

interface ScaleIndex {
  byAge: Map<number, IndexedRate[]>;
  agesDescending: number[];
}

function covering<T extends Validity>(rows: readonly T[] | undefined, day: number): T | undefined {
  if (!rows) return undefined;
  // Newest first: rows are few, and recent periods are the ones asked for most.
  for (let i = rows.length - 1; i >= 0; i--) {
    if (rows[i].from <= day && day <= rows[i].until) return rows[i];
  }
  return undefined;
}

/** Reference data validated and indexed once; calculateLks accepts it instead of the plain arrays. */
export class PreparedLksReferenceData {
  private readonly scales: Record<Scale, ScaleIndex>;

  constructor(
    rates: IndexedRate[],
    private readonly parameters: IndexedParameters[],
  ) {
    this.scales = { regular: indexScale(rates, 'regular'), bbl: indexScale(rates, 'bbl') };
  }

  /**
   * The rate for `age` on `day`: bbl only where a bbl row exists for that exact age, otherwise
   * regular, where the highest age valid on that day also covers everyone older.
   */
  minimumWageFor(scale: Scale, age: number, day: number): IndexedRate | undefined {
    if (scale === 'bbl') {
      const bbl = covering(this.scales.bbl.byAge.get(age), day);
      if (bbl) return bbl;
    }
    const regular = this.scales.regular;
    for (const topAge of regular.agesDescending) {
      const top = covering(regular.byAge.get(topAge), day);
      if (!top) continue;
      return age >= topAge ? top : covering(regular.byAge.get(age), day);
    }
    return undefined;
  }

  parametersOn(day: number): IndexedParameters | undefined {
    return covering(this.parameters, day);
  }
}

function indexScale(rates: IndexedRate[], scale: Scale): ScaleIndex {
  const byAge = new Map<number, IndexedRate[]>();
  for (const rate of rates) {
    if (rate.scale !== scale) continue;
    const list = byAge.get(rate.age) ?? [];
    list.push(rate);
    byAge.set(rate.age, list);
  }
  for (const list of byAge.values()) list.sort((a, b) => a.from - b.from);
  return { byAge, agesDescending: [...byAge.keys()].sort((a, b) => b - a) };
}

function parseValidity(row: { validFrom: unknown; validUntil: unknown }, path: string, errors: InvalidParam[]): Validity | null {
  const from = parseIsoDate(row.validFrom);
  if (!from) errors.push({ name: `${path}.validFrom`, reason: 'must be a date YYYY-MM-DD' });
  const open = row.validUntil === null || row.validUntil === undefined;
  const until = open ? null : parseIsoDate(row.validUntil);
  if (!open && !until) errors.push({ name: `${path}.validUntil`, reason: 'must be a date YYYY-MM-DD or null' });
  if (!from || (!open && !until)) return null;
  if (until && until.isBefore(from)) {
    errors.push({ name: `${path}.validUntil`, reason: 'must not be before validFrom' });
    return null;
  }
  return {
    from: from.toEpochDay(),
    until: until ? until.toEpochDay() : Infinity,
    validFrom: row.validFrom as string,
    validUntil: open ? null : (row.validUntil as string),
  };
}

function parsePercentage(value: unknown, name: string, errors: InvalidParam[]): number {
  const parsed = parseDecimalToScaled(value as string, 2);
  if (parsed === null || parsed < 0 || parsed > MAX_PERCENT_HUNDREDTHS) {
    errors.push({ name, reason: 'must be a percentage from 0 to 100 with at most 2 decimals' });
    return 0;
  }
  return parsed;
}

function overlaps(a: Validity, b: Validity): boolean {
  return a.from <= b.until && b.from <= a.until;
}

function rejectOverlaps<T extends Validity>(
  rows: T[],
  path: string,
  sameKey: (a: T, b: T) => boolean,
  errors: InvalidParam[],
): void {
  for (let j = 0; j < rows.length; j++) {
    for (let i = 0; i < j; i++) {
      if (sameKey(rows[i], rows[j]) && overlaps(rows[i], rows[j])) {
        errors.push({ name: `${path}[${j}].validFrom`, reason: `overlaps ${path}[${i}]` });
      }
    }
  }
}

/** Validates and indexes reference data; throws InvalidInput listing every bad row field. */
export function prepareReferenceData(reference: LksReferenceData): PreparedLksReferenceData {
  const errors: InvalidParam[] = [];

  const rates = (reference.minimumWageRates ?? []).map((row: MinimumWageRate, i): IndexedRate => {
    const path = `minimumWageRates[${i}]`;
    const validity = parseValidity(row, path, errors);
    if (row.scale !== 'regular' && row.scale !== 'bbl') {
      errors.push({ name: `${path}.scale`, reason: "must be 'regular' or 'bbl'" });
    }
    if (!Number.isInteger(row.age) || row.age < 0 || row.age > 150) {
      errors.push({ name: `${path}.age`, reason: 'must be a whole number of years' });
    }
    const hourlyCents = parseDecimalToScaled(row.hourly, 2);
    if (hourlyCents === null || hourlyCents <= 0 || hourlyCents > MAX_HOURLY_CENTS) {
      errors.push({ name: `${path}.hourly`, reason: 'must be a decimal amount above 0 and below 1000 with at most 2 decimals' });
    }
    return { ...(validity as Validity), scale: row.scale, age: row.age, hourlyCents: hourlyCents ?? 0 };
  });

  const parameters = (reference.parameters ?? []).map((row: LksParameterSet, i): IndexedParameters => {
    const path = `parameters[${i}]`;
    const validity = parseValidity(row, path, errors);
    if (!Number.isInteger(row.flatRateMaxMonths) || row.flatRateMaxMonths < 1 || row.flatRateMaxMonths > 120) {
      errors.push({ name: `${path}.flatRateMaxMonths`, reason: 'must be a whole number of months from 1 to 120' });
    }
    return {
      ...(validity as Validity),
      cap: parsePercentage(row.capPercentage, `${path}.capPercentage`, errors),
      holidayAllowance: parsePercentage(row.holidayAllowancePercentage, `${path}.holidayAllowancePercentage`, errors),
      employerCosts: parsePercentage(row.employerCostsPercentage, `${path}.employerCostsPercentage`, errors),
      flatRate: parsePercentage(row.flatRatePercentage, `${path}.flatRatePercentage`, errors),
      flatRateMaxMonths: row.flatRateMaxMonths,
    };
  });

  // Overlap checks only make sense once every row's dates parsed.
  if (errors.length === 0) {
    rejectOverlaps(rates, 'minimumWageRates', (a, b) => a.scale === b.scale && a.age === b.age, errors);
    rejectOverlaps(parameters, 'parameters', () => true, errors);
  }
  if (errors.length > 0) throw new InvalidInput(errors, 'The LKS reference data is invalid.');

  parameters.sort((a, b) => a.from - b.from);
  return new PreparedLksReferenceData(rates, parameters);
}
