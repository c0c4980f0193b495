/**
 * When a login attempt may be tried, given the failures counted so far (issue #14, defect 6). Pure:
 * no framework or database. NIST SP 800-63B §5.2.2: limit consecutive failed attempts on one account
 * to at most 100, and prefer throttling to locking, so that an outsider cannot lock out an account
 * by guessing at it.
 *
 * - Account: after ACCOUNT_FREE_FAILURES failures in the window, the next attempt waits a delay that
 *   doubles with each further failure (up to MAX_DELAY_SECONDS). The delay holds only for sources
 *   that have been failing themselves: the account's owner, logging in from elsewhere, is never
 *   slowed down by someone else's guesses.
 * - Source address: the same over all accounts, after SOURCE_FREE_FAILURES (password spraying).
 * - Daily cap: DAILY_CAP consecutive failures for one account refuse every attempt until the window
 *   ends, from any source. A successful login clears the account's count.
 */

export const WINDOW_SECONDS = 24 * 60 * 60;
export const DAILY_CAP = 100;
export const ACCOUNT_FREE_FAILURES = 5;
export const SOURCE_FREE_FAILURES = 20;
export const FIRST_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 60 * 60;
/** A source counts as failing while its last failure is this recent (at least the longest delay). */
export const SOURCE_MEMORY_SECONDS = MAX_DELAY_SECONDS;

/** Failures counted for one account or one source. */
export interface FailureCount {
  failures: number;
  windowStart: Date;
  lastFailureAt: Date;
}

export type ThrottleReason = 'account-delay' | 'source-delay' | 'daily-cap';

export type ThrottleDecision = { allowed: true } | { allowed: false; reason: ThrottleReason; retryAfterSeconds: number };

/** The delay after `failures` failures, when `free` of them go without one. */
export function delaySeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(FIRST_DELAY_SECONDS * 2 ** Math.min(failures - free, 20), MAX_DELAY_SECONDS);
}

/** A count whose window has ended counts as none. */
export function current(count: FailureCount | null, now: Date): FailureCount | null {
  return count && now.getTime() - count.windowStart.getTime() < WINDOW_SECONDS * 1000 ? count : null;
}

function secondsUntil(at: number, now: Date): number {
  return Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}

/** Whether an attempt for this account from this source may be checked now. */
export function decideAttempt(accountCount: FailureCount | null, sourceCount: FailureCount | null, now: Date): ThrottleDecision {
  const account = current(accountCount, now);
  const source = current(sourceCount, now);
  if (account && account.failures >= DAILY_CAP) {
    return {
      allowed: false,
      reason: 'daily-cap',
      retryAfterSeconds: secondsUntil(account.windowStart.getTime() + WINDOW_SECONDS * 1000, now),
    };
  }
  const refusals: Array<{ reason: ThrottleReason; until: number }> = [];
  if (source) {
    const sourceDelay = delaySeconds(source.failures, SOURCE_FREE_FAILURES);
    const sourceUntil = source.lastFailureAt.getTime() + sourceDelay * 1000;
    if (sourceDelay > 0 && sourceUntil > now.getTime()) refusals.push({ reason: 'source-delay', until: sourceUntil });
    const sourceFailing = now.getTime() - source.lastFailureAt.getTime() < SOURCE_MEMORY_SECONDS * 1000;
    if (account && sourceFailing) {
      const accountDelay = delaySeconds(account.failures, ACCOUNT_FREE_FAILURES);
      const accountUntil = account.lastFailureAt.getTime() + accountDelay * 1000;
      if (accountDelay > 0 && accountUntil > now.getTime()) refusals.push({ reason: 'account-delay', until: accountUntil });
    }
  }
  if (!refusals.length) return { allowed: true };
  const longest = refusals.reduce((a, b) => (b.until > a.until ? b : a));
  return { allowed: false, reason: longest.reason, retryAfterSeconds: secondsUntil(longest.until, now) };
}

/** The count after one more failure at `now` (a new window when the old one has ended). */
export function afterFailure(count: FailureCount | null, now: Date): FailureCount {
  const live = current(count, now);
  return live
    ? { failures: live.failures + 1, windowStart: live.windowStart, lastFailureAt: now }
    : { failures: 1, windowStart: now, lastFailureAt: now };
}
