import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { TooManyAttempts } from '../common/errors/domain-errors';
import { toPrincipal, UsersService } from '../users/users.service';
import {
  ACCOUNT_FREE_FAILURES,
  DAILY_CAP,
  decideAttempt,
  delaySeconds,
  current,
  SOURCE_FREE_FAILURES,
  WINDOW_SECONDS,
  type FailureCount,
  type ThrottleDecision,
  type ThrottleReason,
} from './domain/login-throttle';
import { PasswordHasher } from './password-hasher';
import type { Principal, SystemActor } from './principal';

/** Where a login attempt comes from: the channel and the client's address (as Express sees it). */
export interface LoginSource {
  channel: 'api' | 'portal';
  address: string;
}

/** The client's address as Express sees it (behind a trusted proxy: from X-Forwarded-For, see TRUST_PROXY). */
export function clientAddress(req: { ip?: string; socket?: { remoteAddress?: string } }): string {
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
}

/** Advisory lock classes for login attempts (with the first 4 bytes of an account or source hash), taken in this order. */
const ACCOUNT_LOCK = 0x4c4f4741; // 'LOGA'
const SOURCE_LOCK = 0x4c4f4753; // 'LOGS'

/** Failed and refused logins have no authenticated actor. */
const LOGIN_ACTOR: SystemActor = { kind: 'system', name: 'login' };

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function throttleMessage(reason: ThrottleReason, seconds: number): string {
  const wait =
    seconds < 120
      ? `${seconds} seconds`
      : seconds < 2 * 3600
        ? `${Math.ceil(seconds / 60)} minutes`
        : `${Math.ceil(seconds / 3600)} hours`;
  return reason === 'daily-cap'
    ? `Too many failed logins for this account today. Try again in ${wait}.`
    : `Too many failed logins. Try again in ${wait}.`;
}

/**
 * Email + password check shared by the API's token login and the portals' session login, with
 * throttling against password guessing (the rule is in `domain/login-throttle.ts`): failures slow
 * down further attempts from the failing source, never the account's owner elsewhere, until the
 * daily cap. Unknown addresses are counted the same way, so throttling does not reveal which
 * accounts exist. Accounts and sources are stored only as SHA-256. Every success, failure and
 * start of a delay is in the audit trail (never the password or the address itself).
 */
@Injectable()
export class PasswordLogin {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The active user with this email and password, or null; throws TooManyAttempts while throttled. */
  async verify(email: string, password: string, source: LoginSource): Promise<Principal | null> {
    const accountKey = sha256(email.trim().toLowerCase());
    const sourceKey = sha256(source.address);
    const now = this.clock.now();
    // The check and the count happen together, one attempt at a time per account and per source, and
    // before the (slow) password check: the attempt counts as a failure until it succeeds, so a burst
    // of parallel guesses cannot all pass the check before the first failure is counted.
    const attempt = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock($1, $2)`, [ACCOUNT_LOCK, accountKey.readInt32BE(0)]);
      await m.query(`SELECT pg_advisory_xact_lock($1, $2)`, [SOURCE_LOCK, sourceKey.readInt32BE(0)]);
      const before = await this.counts(m, accountKey, sourceKey);
      const decision = decideAttempt(before.account, before.source, now);
      if (!decision.allowed) return { decision };
      const account = await this.recordFailure(m, 'account', accountKey, now);
      const from = await this.recordFailure(m, 'source', sourceKey, now);
      return { decision, account, from, sourceBefore: current(before.source, now) };
    });
    if (!attempt.account) {
      const { reason, retryAfterSeconds } = attempt.decision as Extract<ThrottleDecision, { allowed: false }>;
      throw new TooManyAttempts(throttleMessage(reason, retryAfterSeconds), retryAfterSeconds);
    }
    const { account, from, sourceBefore } = attempt;

    const user = await this.users.findActiveWithPasswordByEmail(email.trim());
    // Unknown accounts are verified against a dummy hash, so timing does not reveal which exist.
    const ok = await this.hasher.verify(user?.passwordHash ?? (await this.hasher.dummyHash()), password);
    if (user && user.passwordHash && ok) {
      const principal = toPrincipal(user);
      await this.dataSource.transaction(async (m) => {
        // A success clears the account's count, and takes back the failure counted for the source.
        await m.query(`DELETE FROM login_throttle WHERE scope = 'account' AND subject_key = $1`, [accountKey]);
        await m.query(`DELETE FROM login_throttle WHERE scope = 'source' AND subject_key = $1 AND failures = 1`, [sourceKey]);
        await m.query(
          `UPDATE login_throttle SET failures = failures - 1,
                  last_failure_at = CASE WHEN last_failure_at = $2 AND $3::timestamptz IS NOT NULL THEN $3 ELSE last_failure_at END
            WHERE scope = 'source' AND subject_key = $1 AND failures > 1`,
          [sourceKey, now, sourceBefore?.lastFailureAt ?? null],
        );
        // The portal audits its login when it starts the session (portal.login).
        if (source.channel === 'api') {
          await this.audit.record(m, principal, {
            action: 'auth.login',
            entityType: 'user',
            entityId: principal.userId,
            after: { channel: 'api' },
          });
        }
      });
      return principal;
    }

    // The failure is counted already; it goes in the audit trail, with any delay it starts.
    await this.dataSource.transaction(async (m) => {
      const entity = user
        ? { entityType: 'user', entityId: user.id }
        : { entityType: 'login-account', entityId: accountKey.toString('hex') };
      const where = { channel: source.channel, source: sourceKey.toString('hex') };
      await this.audit.record(m, LOGIN_ACTOR, {
        action: 'auth.login-failed',
        ...entity,
        after: { ...where, failures: account.failures },
      });
      // A row when a delay starts or grows (not for every refused attempt, which costs a guesser nothing).
      const throttles: Array<{ scope: string; reason: ThrottleReason; delay: number; failures: number }> = [];
      if (account.failures >= DAILY_CAP)
        throttles.push({ scope: 'account', reason: 'daily-cap', delay: 0, failures: account.failures });
      else if (delaySeconds(account.failures, ACCOUNT_FREE_FAILURES) > 0)
        throttles.push({
          scope: 'account',
          reason: 'account-delay',
          delay: delaySeconds(account.failures, ACCOUNT_FREE_FAILURES),
          failures: account.failures,
        });
      if (delaySeconds(from.failures, SOURCE_FREE_FAILURES) > 0)
        throttles.push({
          scope: 'source',
          reason: 'source-delay',
          delay: delaySeconds(from.failures, SOURCE_FREE_FAILURES),
          failures: from.failures,
        });
      for (const t of throttles) {
        await this.audit.record(m, LOGIN_ACTOR, {
          action: 'auth.login-throttled',
          ...entity,
          after: { ...where, reason: t.reason, failures: t.failures, ...(t.delay ? { delaySeconds: t.delay } : {}) },
        });
      }
    });
    return null;
  }

  private async counts(
    m: EntityManager,
    accountKey: Buffer,
    sourceKey: Buffer,
  ): Promise<{ account: FailureCount | null; source: FailureCount | null }> {
    const rows: Array<{ scope: 'account' | 'source'; failures: number; window_start: Date; last_failure_at: Date }> =
      await m.query(
        `SELECT scope, failures, window_start, last_failure_at FROM login_throttle
        WHERE (scope = 'account' AND subject_key = $1) OR (scope = 'source' AND subject_key = $2)`,
        [accountKey, sourceKey],
      );
    const count = (scope: string): FailureCount | null => {
      const row = rows.find((r) => r.scope === scope);
      return row ? { failures: row.failures, windowStart: row.window_start, lastFailureAt: row.last_failure_at } : null;
    };
    return { account: count('account'), source: count('source') };
  }

  /** One more failure (a new window when the old one has ended, as `afterFailure` in the rule), in one statement so concurrent failures all count. */
  private async recordFailure(m: EntityManager, scope: 'account' | 'source', key: Buffer, now: Date): Promise<FailureCount> {
    const [row]: Array<{ failures: number; window_start: Date; last_failure_at: Date }> = await m.query(
      `INSERT INTO login_throttle AS t (scope, subject_key, failures, window_start, last_failure_at)
       VALUES ($1, $2, 1, $3, $3)
       ON CONFLICT (scope, subject_key) DO UPDATE SET
         failures = CASE WHEN t.window_start <= $3::timestamptz - make_interval(secs => $4) THEN 1 ELSE t.failures + 1 END,
         window_start = CASE WHEN t.window_start <= $3::timestamptz - make_interval(secs => $4) THEN $3 ELSE t.window_start END,
         last_failure_at = $3
       RETURNING failures, window_start, last_failure_at`,
      [scope, key, now, WINDOW_SECONDS],
    );
    return { failures: row.failures, windowStart: row.window_start, lastFailureAt: row.last_failure_at };
  }
}
