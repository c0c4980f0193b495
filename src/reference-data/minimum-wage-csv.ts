import { LocalDate } from '@js-joda/core';
import { parse } from 'csv-parse/sync';
import type { MinimumWageRate, Scale } from '../lks-calculation/domain';

/**
 * Reads the sourced minimum wage table (reference/minimum-wage.csv: valid_from, scale, age,
 * percentage, hourly_eur) into calculation rows. Each period runs until the day before the next one
 * starts; the last one ends on `lastValidUntil`.
 */
export function minimumWageRatesFromCsv(csv: string | Buffer, lastValidUntil: string | null): MinimumWageRate[] {
  const records: Array<Record<string, string>> = parse(csv, { columns: true, skip_empty_lines: true, trim: true });
  const starts = [...new Set(records.map((r) => r.valid_from))].sort();
  return records.map((r) => {
    const next = starts[starts.indexOf(r.valid_from) + 1];
    return {
      validFrom: r.valid_from,
      validUntil: next ? LocalDate.parse(next).minusDays(1).toString() : lastValidUntil,
      scale: r.scale as Scale,
      age: Number(r.age),
      hourly: r.hourly_eur,
    };
  });
}
