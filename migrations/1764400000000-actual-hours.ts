import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Hours actually worked per month (from pay slips), for the settlement (vaststelling) of a subsidy. */
export class ActualHours1764400000000 implements MigrationInterface {
  name = 'ActualHours1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE actual_hours (
        application_id uuid NOT NULL REFERENCES application(id),
        month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        hours_per_week numeric(4,2) NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 40),
        source text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, month)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE actual_hours`);
  }
}
