import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retraining to MBO-2 care: education partners in full, programmes with cohorts (capacity enforced
 * by the database), enrolments with their lifecycle, progress reports, and tuition as payable items.
 */
export class Retraining1764300000000 implements MigrationInterface {
  name = 'Retraining1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE education_partner
        ADD COLUMN contact_name text CHECK (length(contact_name) <= 200),
        ADD COLUMN contact_email text CHECK (length(contact_email) <= 254),
        ADD COLUMN contact_phone text CHECK (length(contact_phone) <= 30),
        ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await q.query(`
      CREATE TABLE programme (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        qualification_name text NOT NULL CHECK (length(qualification_name) BETWEEN 1 AND 200),
        crebo_code char(5) NOT NULL CHECK (crebo_code ~ '^[0-9]{5}$'),
        mbo_level smallint NOT NULL CHECK (mbo_level BETWEEN 1 AND 4),
        learning_path text NOT NULL CHECK (learning_path IN ('BBL', 'BOL')),
        education_partner_id uuid NOT NULL REFERENCES education_partner(id),
        duration_months smallint NOT NULL CHECK (duration_months BETWEEN 1 AND 60),
        tuition_cents bigint NOT NULL CHECK (tuition_cents >= 0),
        -- How tuition is paid: this share when the enrolment is confirmed, the rest at the diploma.
        share_at_start_percentage numeric(5,2) NOT NULL CHECK (share_at_start_percentage BETWEEN 0 AND 100),
        -- Whether a drop-out leads to recovery of the tuition paid at the start.
        recover_on_dropout boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`
      CREATE TABLE cohort (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES programme(id),
        start_date date NOT NULL,
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
        confirmed_count integer NOT NULL DEFAULT 0,
        CHECK (confirmed_count BETWEEN 0 AND capacity),
        UNIQUE (programme_id, start_date)
      )`);
    await q.query(`
      CREATE TABLE enrolment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        participant_id uuid NOT NULL REFERENCES participant(id),
        cohort_id uuid NOT NULL REFERENCES cohort(id),
        programme_id uuid NOT NULL REFERENCES programme(id),
        education_partner_id uuid NOT NULL REFERENCES education_partner(id),
        application_id uuid REFERENCES application(id),
        status text NOT NULL CHECK (status IN ('nominated', 'confirmed', 'declined', 'in-progress', 'completed', 'dropped-out')),
        nominated_on date NOT NULL,
        nominated_by uuid NOT NULL REFERENCES app_user(id),
        student_number text CHECK (length(student_number) BETWEEN 1 AND 50),
        actual_start_date date,
        decline_reason text CHECK (length(decline_reason) <= 2000),
        diploma_date date,
        dropout_date date,
        dropout_reason text CHECK (length(dropout_reason) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    // A participant is nominated for a cohort once (unless declined before).
    await q.query(
      `CREATE UNIQUE INDEX enrolment_once_per_cohort ON enrolment (participant_id, cohort_id) WHERE status <> 'declined'`,
    );
    await q.query(`CREATE INDEX enrolment_partner_idx ON enrolment (education_partner_id, status)`);
    await q.query(`
      CREATE TABLE progress_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL REFERENCES enrolment(id),
        period_start date NOT NULL,
        period_end date NOT NULL CHECK (period_end >= period_start),
        attendance_percentage numeric(5,2) NOT NULL CHECK (attendance_percentage BETWEEN 0 AND 100),
        result_summary text NOT NULL CHECK (length(result_summary) BETWEEN 1 AND 4000),
        reported_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE payable_item ADD COLUMN enrolment_id uuid REFERENCES enrolment(id)`);
    await q.query(`ALTER TABLE recovery_item ADD COLUMN enrolment_id uuid REFERENCES enrolment(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE recovery_item DROP COLUMN enrolment_id`);
    await q.query(`ALTER TABLE payable_item DROP COLUMN enrolment_id`);
    await q.query(`DROP TABLE progress_report, enrolment, cohort, programme`);
    await q.query(
      `ALTER TABLE education_partner DROP COLUMN contact_name, DROP COLUMN contact_email, DROP COLUMN contact_phone, DROP COLUMN version`,
    );
  }
}
