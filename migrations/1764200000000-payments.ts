import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments: a schedule per granted subsidy, payable items (monthly instalments, corrections, and
 * later tuition for education partners) owed to a payee, holds, payment runs whose items the
 * database allows at most once per payable item while live, recovery items, idempotency keys.
 */
export class Payments1764200000000 implements MigrationInterface {
  name = 'Payments1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_schedule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL UNIQUE REFERENCES application(id),
        employer_id uuid NOT NULL REFERENCES employer(id),
        grant_decision_id uuid NOT NULL REFERENCES decision(id),
        status text NOT NULL CHECK (status IN ('active', 'ended')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);

    // What the municipality owes a payee. An LKS instalment covers one month of a schedule;
    // a correction settles a change for a month already paid; tuition is for a confirmed enrolment.
    await q.query(`
      CREATE TABLE payable_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('lks-instalment', 'lks-correction', 'settlement-payment', 'tuition')),
        employer_id uuid REFERENCES employer(id),
        education_partner_id uuid REFERENCES education_partner(id),
        schedule_id uuid REFERENCES payment_schedule(id),
        month char(7) CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        due_date date NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        breakdown jsonb,
        decision_id uuid REFERENCES decision(id),
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 140),
        status text NOT NULL CHECK (status IN ('open', 'paid', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(employer_id, education_partner_id) = 1),
        CHECK (kind <> 'lks-instalment' OR (schedule_id IS NOT NULL AND month IS NOT NULL))
      )`);
    // One live instalment per schedule and month; a recomputation cancels and replaces.
    await q.query(
      `CREATE UNIQUE INDEX payable_item_one_instalment ON payable_item (schedule_id, month) WHERE kind = 'lks-instalment' AND status <> 'cancelled'`,
    );
    await q.query(`CREATE INDEX payable_item_due_idx ON payable_item (due_date) WHERE status = 'open'`);

    await q.query(`
      CREATE TABLE payment_hold (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employer_id uuid REFERENCES employer(id),
        schedule_id uuid REFERENCES payment_schedule(id),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        released_by uuid REFERENCES app_user(id),
        released_at timestamptz,
        CHECK (num_nonnulls(employer_id, schedule_id) = 1)
      )`);

    await q.query(`CREATE SEQUENCE payment_run_number_seq START 1`);
    await q.query(`
      CREATE TABLE payment_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_number text NOT NULL UNIQUE DEFAULT ('BR-' || lpad(nextval('payment_run_number_seq')::text, 6, '0')),
        run_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('created', 'approved', 'sent', 'settled', 'cancelled')),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        approved_by uuid REFERENCES app_user(id),
        approved_at timestamptz,
        item_count integer NOT NULL DEFAULT 0,
        total_cents bigint NOT NULL DEFAULT 0,
        sepa_file bytea,
        sepa_sha256 char(64),
        message_id text UNIQUE,
        version integer NOT NULL DEFAULT 1,
        CHECK (approved_by IS NULL OR approved_by <> created_by)
      )`);

    // Exactly once: a payable item is in at most one live run item (rejected ones may be paid again).
    await q.query(`
      CREATE TABLE payment_run_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES payment_run(id),
        payable_item_id uuid NOT NULL REFERENCES payable_item(id),
        employer_id uuid REFERENCES employer(id),
        education_partner_id uuid REFERENCES education_partner(id),
        bank_account_id uuid NOT NULL REFERENCES bank_account(id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        status text NOT NULL CHECK (status IN ('included', 'sent', 'settled', 'rejected')),
        rejection_reason text,
        CHECK (num_nonnulls(employer_id, education_partner_id) = 1)
      )`);
    await q.query(`CREATE UNIQUE INDEX payment_run_item_once ON payment_run_item (payable_item_id) WHERE status <> 'rejected'`);
    await q.query(`CREATE INDEX payment_run_item_run_idx ON payment_run_item (run_id)`);

    await q.query(`
      CREATE TABLE recovery_item (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employer_id uuid REFERENCES employer(id),
        education_partner_id uuid REFERENCES education_partner(id),
        application_id uuid REFERENCES application(id),
        decision_id uuid REFERENCES decision(id),
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
        due_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'offset', 'paid', 'written-off')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(employer_id, education_partner_id) = 1)
      )`);

    // Retried POSTs with the same Idempotency-Key get the first answer instead of acting twice.
    await q.query(`
      CREATE TABLE idempotency_key (
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        user_id uuid NOT NULL,
        route text NOT NULL,
        request_hash char(64) NOT NULL,
        status_code smallint,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE idempotency_key, recovery_item, payment_run_item, payment_run, payment_hold, payable_item, payment_schedule`,
    );
    await q.query(`DROP SEQUENCE payment_run_number_seq`);
  }
}
