import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins are throttled instead of locking the account (issue #14, defect 6): one counter per
 * account and one per source address, each keyed by a SHA-256 (of the lower-cased email address, of
 * the source address), so neither is stored in the clear. The old lock rows are dropped: a lock
 * could be set by anyone who knew an address.
 *
 * The audit trail is also searched by time and by actor (defect 7), newest first.
 */
export class LoginThrottlePerSource1765300000000 implements MigrationInterface {
  name = 'LoginThrottlePerSource1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
    await q.query(`
      CREATE TABLE login_throttle (
        scope text NOT NULL CHECK (scope IN ('account', 'source')),
        subject_key bytea NOT NULL CHECK (length(subject_key) = 32),
        failures integer NOT NULL CHECK (failures > 0),
        window_start timestamptz NOT NULL,
        last_failure_at timestamptz NOT NULL,
        PRIMARY KEY (scope, subject_key)
      )`);
    await q.query(`CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at, id)`);
    await q.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, id) WHERE actor_user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_event_actor_idx`);
    await q.query(`DROP INDEX audit_event_occurred_idx`);
    await q.query(`DROP TABLE login_throttle`);
    await q.query(`
      CREATE TABLE login_throttle (
        account_key bytea PRIMARY KEY CHECK (length(account_key) = 32),
        failures integer NOT NULL CHECK (failures > 0),
        window_start timestamptz NOT NULL,
        locked_until timestamptz
      )`);
  }
}
