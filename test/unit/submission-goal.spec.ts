import { CPU_LIMIT, describeCheck, P50_LIMIT, submissionGoal } from '../../bench/submission-goal';

/** Figures of the run in issue #21 (main, 2026-12-05): p50 ratio 1.39, CPU 1.63 ms against 0.56 ms. */
const measured = { p50: { submission: 5.56, statusChange: 4 }, cpuPerRequest: { submission: 1.63, bareInsert: 0.56 } };

describe('submissionGoal (issue #21)', () => {
  it('limits are 2× on p50 and 3.5× on CPU per request', () => {
    expect([P50_LIMIT, CPU_LIMIT]).toEqual([2, 3.5]);
  });

  it('meets the goal when both ratios are within their limits', () => {
    const verdict = submissionGoal(measured);
    expect(verdict.meets).toBe(true);
    expect(verdict.checks.map((c) => c.meets)).toEqual([true, true]);
    expect(verdict.checks[0].ratio).toBeCloseTo(1.39, 2);
    expect(verdict.checks[1].ratio).toBeCloseTo(2.91, 2);
  });

  it('meets the goal at exactly the limits', () => {
    expect(
      submissionGoal({ p50: { submission: 8, statusChange: 4 }, cpuPerRequest: { submission: 1.75, bareInsert: 0.5 } }).meets,
    ).toBe(true);
  });

  it('misses the goal when only the p50 ratio is over its limit', () => {
    const verdict = submissionGoal({ ...measured, p50: { submission: 8.1, statusChange: 4 } });
    expect(verdict.meets).toBe(false);
    expect(verdict.checks.map((c) => c.meets)).toEqual([false, true]);
  });

  it('misses the goal when only the CPU ratio is over its limit', () => {
    const verdict = submissionGoal({ ...measured, cpuPerRequest: { submission: 2, bareInsert: 0.56 } });
    expect(verdict.meets).toBe(false);
    expect(verdict.checks.map((c) => c.meets)).toEqual([true, false]);
  });

  it('misses the goal when the CPU time could not be measured or a baseline is zero', () => {
    expect(submissionGoal({ ...measured, cpuPerRequest: { submission: 1.63, bareInsert: null } }).meets).toBe(false);
    expect(submissionGoal({ ...measured, p50: { submission: 5, statusChange: 0 } }).meets).toBe(false);
  });

  it('describes each check against its limit', () => {
    const [p50, cpu] = submissionGoal({ ...measured, cpuPerRequest: { submission: 2, bareInsert: 0.5 } }).checks;
    expect(describeCheck(p50)).toBe(
      'p50, submission / bare status change: 5.56 ms / 4.00 ms, ratio 1.39 of limit 2.00 — meets goal',
    );
    expect(describeCheck(cpu)).toBe(
      'CPU per request (server thread + Postgres), submission / bare insert: 2.00 ms / 0.50 ms, ratio 4.00 of limit 3.50 — MISSES goal',
    );
    const unmeasured = submissionGoal({ ...measured, cpuPerRequest: { submission: null, bareInsert: 0.5 } }).checks[1];
    expect(describeCheck(unmeasured)).toContain('? / 0.50 ms, ratio not measurable of limit 3.50 — MISSES goal');
  });
});
