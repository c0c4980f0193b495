import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only triggers of audit_event also fire in replication mode
 * (session_replication_role = replica), which would otherwise skip ordinary triggers.
 */
export class AuditAlways1764000000000 implements MigrationInterface {
  name = 'AuditAlways1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_update_delete`);
    await q.query(`ALTER TABLE audit_event ENABLE ALWAYS TRIGGER audit_event_no_truncate`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete`);
    await q.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_truncate`);
  }
}
