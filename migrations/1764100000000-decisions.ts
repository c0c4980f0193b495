import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions (beschikkingen): drafted by a caseworker, approved and thereby issued by another person
 * (four eyes). An issued decision never changes: the database refuses updates and deletes of it.
 * Numbers are gap-free per year. Objections (bezwaar) against issued decisions. An outbox of
 * domain events so other modules (payments) learn of issued decisions without losing any.
 */
export class Decisions1764100000000 implements MigrationInterface {
  name = 'Decisions1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('grant', 'rejection', 'change', 'termination', 'settlement', 'recovery')),
        status text NOT NULL CHECK (status IN ('draft', 'issued')),
        application_id uuid NOT NULL REFERENCES application(id),
        employer_id uuid NOT NULL REFERENCES employer(id),
        refers_to_decision_id uuid REFERENCES decision(id),
        is_correction boolean NOT NULL DEFAULT false,
        effective_date date,
        period_start date,
        period_end date,
        total_cents bigint,
        previous_total_cents bigint,
        recovery_cents bigint CHECK (recovery_cents IS NULL OR recovery_cents > 0),
        payment_term_days smallint CHECK (payment_term_days IS NULL OR payment_term_days BETWEEN 1 AND 365),
        reasons text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 20000),
        snapshot jsonb NOT NULL,
        decision_number text UNIQUE,
        decision_date date,
        sending_date date,
        objection_deadline date,
        pdf bytea,
        pdf_sha256 char(64),
        drafted_by uuid NOT NULL REFERENCES app_user(id),
        drafted_at timestamptz NOT NULL DEFAULT now(),
        approved_by uuid REFERENCES app_user(id),
        approved_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start),
        -- An issued decision is complete: number, dates, approver (not the drafter) and its PDF.
        CHECK (status = 'draft' OR (decision_number IS NOT NULL AND decision_date IS NOT NULL AND sending_date IS NOT NULL
          AND objection_deadline IS NOT NULL AND pdf IS NOT NULL AND pdf_sha256 IS NOT NULL AND approved_by IS NOT NULL
          AND approved_by <> drafted_by))
      )`);
    await q.query(`CREATE INDEX decision_application_idx ON decision (application_id, drafted_at)`);
    await q.query(`CREATE INDEX decision_employer_idx ON decision (employer_id, status)`);
    await q.query(`
      CREATE FUNCTION decision_issued_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'issued' THEN
          RAISE EXCEPTION 'decision % is issued and cannot be changed or deleted', OLD.decision_number
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER decision_issued_is_final BEFORE UPDATE OR DELETE ON decision
      FOR EACH ROW EXECUTE FUNCTION decision_issued_is_final()`);
    await q.query(`ALTER TABLE decision ENABLE ALWAYS TRIGGER decision_issued_is_final`);

    // Gap-free numbering: the counter row is locked by the issuing transaction and rolls back with it.
    await q.query(`
      CREATE TABLE decision_number_counter (
        year smallint PRIMARY KEY,
        last_value integer NOT NULL CHECK (last_value >= 0)
      )`);

    await q.query(`
      CREATE TABLE objection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_id uuid NOT NULL REFERENCES decision(id),
        received_on date NOT NULL,
        within_term boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('received', 'in-treatment', 'upheld', 'partly-upheld', 'dismissed', 'inadmissible', 'withdrawn')),
        grounds text CHECK (length(grounds) <= 20000),
        registered_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX objection_decision_idx ON objection (decision_id)`);

    await q.query(`
      CREATE TABLE outbox_event (
        id bigserial PRIMARY KEY,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_event_unprocessed_idx ON outbox_event (id) WHERE processed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_event, objection, decision_number_counter`);
    await q.query(`DROP TABLE decision`);
    await q.query(`DROP FUNCTION decision_issued_is_final`);
  }
}
