/**
 * The goal of the application-submission bench (issue #21, restating issue #4's p99 goal), as a
 * pure function of the measured figures so it can be unit-tested without running the bench.
 *
 * It passes when both hold, measured in the same run, 50 connections flat out:
 *  - p50 latency of the submission <= 2 × the p50 of the bare status change (the version-guarded
 *    update with its audit row, the write any submission has to pay), over all rounds pooled;
 *  - CPU time per request (the servers' thread + Postgres's backends) of the submission <= 3.5 × that
 *    of the bare one-insert POST.
 * p99 ratios and the steady-rate comparison are printed by the bench but are not part of the goal.
 */

export const P50_LIMIT = 2;
export const CPU_LIMIT = 3.5;

export interface SubmissionFigures {
  /** Pooled p50 latencies, ms. */
  p50: { submission: number; statusChange: number };
  /** CPU per request (server thread + Postgres), ms; null when it could not be measured. */
  cpuPerRequest: { submission: number | null; bareInsert: number | null };
}

export interface GatedRatio {
  name: string;
  /** The two figures compared, ms (null: not measured). */
  numerator: number | null;
  denominator: number | null;
  /** null when it could not be measured; such a check does not meet the goal. */
  ratio: number | null;
  limit: number;
  meets: boolean;
}

export interface SubmissionVerdict {
  checks: GatedRatio[];
  meets: boolean;
}

function gated(name: string, numerator: number | null, denominator: number | null, limit: number): GatedRatio {
  const ratio = numerator === null || denominator === null ? null : numerator / denominator;
  // NaN (0 / 0) or Infinity (x / 0) cannot show the goal is met.
  const meets = ratio !== null && Number.isFinite(ratio) && ratio <= limit;
  return { name, numerator, denominator, ratio, limit, meets };
}

export function submissionGoal(f: SubmissionFigures): SubmissionVerdict {
  const checks = [
    gated('p50, submission / bare status change', f.p50.submission, f.p50.statusChange, P50_LIMIT),
    gated(
      'CPU per request (server thread + Postgres), submission / bare insert',
      f.cpuPerRequest.submission,
      f.cpuPerRequest.bareInsert,
      CPU_LIMIT,
    ),
  ];
  return { checks, meets: checks.every((c) => c.meets) };
}

/** e.g. `p50, submission / bare status change: 5.10 ms / 3.67 ms, ratio 1.39 of limit 2.00 — meets goal` */
export function describeCheck(c: GatedRatio): string {
  const ms = (v: number | null) => (v === null ? '?' : `${v.toFixed(2)} ms`);
  const ratio = c.ratio === null ? 'ratio not measurable' : `ratio ${c.ratio.toFixed(2)}`;
  return (
    `${c.name}: ${ms(c.numerator)} / ${ms(c.denominator)}, ${ratio} of limit ${c.limit.toFixed(2)} — ` +
    (c.meets ? 'meets goal' : 'MISSES goal')
  );
}
