/**
 * Throughput of calculateLks for 12-month periods on one core.
 * Run: node bench/run.js bench/lks-calculation.bench.ts   (exit code 1 below the goal)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalDate } from '@js-joda/core';
import { calculateLks, LksInput, parseDecimalToScaled, prepareReferenceData } from '../src/lks-calculation/domain';
import { minimumWageRatesFromCsv } from '../src/reference-data/minimum-wage-csv';

const GOAL_PER_SECOND = 50_000;
const MEASURE_MS = 2_000;
const MONTHS = 12;

const reference = prepareReferenceData({
  minimumWageRates: minimumWageRatesFromCsv(readFileSync(join(__dirname, '../reference/minimum-wage.csv')), '2026-06-30'),
  parameters: [
    {
      validFrom: '2024-01-01',
      validUntil: null,
      capPercentage: '70.00',
      holidayAllowancePercentage: '8.00',
      employerCostsPercentage: '23.50',
      flatRatePercentage: '50.00',
      flatRateMaxMonths: 6,
    },
  ],
});

// 12-month periods starting on varying days, with varying employees, so nothing is constant.
const inputs: LksInput[] = [];
for (let i = 0; i < 256; i++) {
  const start = LocalDate.of(2024, 1, 1).plusDays((i * 37) % 500);
  inputs.push({
    periodStart: start.toString(),
    periodEnd: start.plusMonths(MONTHS).minusDays(1).toString(),
    dateOfBirth: LocalDate.of(1960 + (i % 45), 1 + (i % 12), 1 + (i % 28)).toString(),
    hoursPerWeek: 12 + (i % 29),
    wageValuePercentage: `${10 + (i % 80)}.${i % 10}`,
    scale: i % 3 === 0 ? 'bbl' : 'regular',
    flatRate: false,
  });
}

/** Runs `step` in batches for about `ms` milliseconds; returns steps per second. */
function measure(step: (i: number) => number, ms: number): { perSecond: number; sink: number } {
  let sink = 0;
  let count = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(ms) * 1_000_000n;
  let now = started;
  while (now < deadline) {
    for (let j = 0; j < 1_000; j++) sink += step(count++);
    now = process.hrtime.bigint();
  }
  return { perSecond: count / (Number(now - started) / 1e9), sink };
}

const calculation = (i: number) => calculateLks(inputs[i & 255], reference).totalCents;

// Baseline: per "calculation", parse and sum 12 decimal month totals as integer cents.
const monthTotals = inputs.map((input) => calculateLks(input, reference).months.map((m) => m.total));
const baseline = (i: number) => {
  const totals = monthTotals[i & 255];
  let cents = 0;
  for (let m = 0; m < MONTHS; m++) cents += parseDecimalToScaled(totals[m], 2)!;
  return cents;
};

measure(calculation, 500); // warm up
measure(baseline, 500);
const calc = measure(calculation, MEASURE_MS);
const base = measure(baseline, MEASURE_MS);

const ratio = calc.perSecond / GOAL_PER_SECOND;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(
  `lks-calculation: 12-month periods  ${fmt(calc.perSecond)}/s  goal ${fmt(GOAL_PER_SECOND)}/s  ratio ${ratio.toFixed(2)} (>= 1 passes)`,
);
console.log(
  `baseline (sum 12 decimal month totals as cents): ${fmt(base.perSecond)}/s  calculation/baseline ratio ${(calc.perSecond / base.perSecond).toFixed(3)}`,
);
if (calc.sink === 0 || base.sink === 0) console.log('(unexpected zero checksum)');
process.exitCode = ratio >= 1 ? 0 : 1;
