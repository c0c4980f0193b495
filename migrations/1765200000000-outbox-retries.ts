import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox events that fail are retried instead of blocking the queue (issue #14, defect 4).
 *
 * - `attempts`: failed attempts so far; `last_error`: why the last one failed (redacted, shortened).
 * - `next_attempt_at`: not picked up before this moment; a failure moves it forward, doubling.
 * - `failed_at`: set aside after the configured number of attempts (OUTBOX_MAX_ATTEMPTS), until an
 *   admin asks for a retry.
 *
 * Existing rows become due at once with no attempts.
 */
export class OutboxRetries1765200000000 implements MigrationInterface {
  name = 'OutboxRetries1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox_event
        ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN last_error text,
        ADD COLUMN failed_at timestamptz`);
    await q.query(`DROP INDEX outbox_event_unprocessed_idx`);
    // What a drain looks at: events neither processed nor set aside.
    await q.query(`CREATE INDEX outbox_event_pending_idx ON outbox_event (id) WHERE processed_at IS NULL AND failed_at IS NULL`);
    await q.query(
      `CREATE INDEX outbox_event_failed_idx ON outbox_event (id) WHERE processed_at IS NULL AND failed_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_event_failed_idx`);
    await q.query(`DROP INDEX outbox_event_pending_idx`);
    await q.query(`CREATE INDEX outbox_event_unprocessed_idx ON outbox_event (id) WHERE processed_at IS NULL`);
    await q.query(
      `ALTER TABLE outbox_event DROP COLUMN failed_at, DROP COLUMN last_error, DROP COLUMN next_attempt_at, DROP COLUMN attempts`,
    );
  }
}
