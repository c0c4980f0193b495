import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Employers in full (address, contact, payroll tax number, bank accounts that backoffice verifies),
 * participants (BSN encrypted, with a keyed hash for look-up), code lists kept by admins (job plans,
 * wage-value assessment methods), applications with their Awb clock, information requests,
 * wage-value assessments and uploaded documents.
 */
export class Applications1763900000000 implements MigrationInterface {
  name = 'Applications1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE employer
        ADD COLUMN payroll_tax_number char(12) CHECK (payroll_tax_number ~ '^[0-9]{9}L[0-9]{2}$'),
        ADD COLUMN street text CHECK (length(street) <= 200),
        ADD COLUMN house_number text CHECK (length(house_number) <= 20),
        ADD COLUMN postal_code char(6) CHECK (postal_code ~ '^[1-9][0-9]{3}[A-Z]{2}$'),
        ADD COLUMN city text CHECK (length(city) <= 100),
        ADD COLUMN contact_name text CHECK (length(contact_name) <= 200),
        ADD COLUMN contact_email text CHECK (length(contact_email) <= 254),
        ADD COLUMN contact_phone text CHECK (length(contact_phone) <= 30),
        ADD COLUMN version integer NOT NULL DEFAULT 1`);

    // Payee accounts. A new account (or a change) is pending until backoffice verifies it; payments
    // only ever use the one verified account of a payee.
    await q.query(`
      CREATE TABLE bank_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        employer_id uuid REFERENCES employer(id),
        education_partner_id uuid REFERENCES education_partner(id),
        iban varchar(34) NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        account_holder text NOT NULL CHECK (length(account_holder) BETWEEN 1 AND 70),
        bic varchar(11) CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
        status text NOT NULL CHECK (status IN ('pending', 'verified', 'rejected', 'superseded')),
        requested_by uuid REFERENCES app_user(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        decision_reason text,
        CHECK (num_nonnulls(employer_id, education_partner_id) = 1)
      )`);
    await q.query(`CREATE UNIQUE INDEX bank_account_one_pending_employer ON bank_account (employer_id) WHERE status = 'pending'`);
    await q.query(
      `CREATE UNIQUE INDEX bank_account_one_verified_employer ON bank_account (employer_id) WHERE status = 'verified'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX bank_account_one_pending_partner ON bank_account (education_partner_id) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX bank_account_one_verified_partner ON bank_account (education_partner_id) WHERE status = 'verified'`,
    );

    await q.query(`
      CREATE TABLE code_list_item (
        list text NOT NULL CHECK (list IN ('job-plan', 'assessment-method')),
        code text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(code) <= 50),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        category text CHECK (length(category) <= 50),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (list, code)
      )`);
    await q.query(`
      INSERT INTO code_list_item (list, code, name, category) VALUES
        ('job-plan', 'zorg', 'Banenplan zorg', 'sector'),
        ('job-plan', 'bouw-techniek', 'Banenplan bouw en techniek', 'sector'),
        ('job-plan', 'zuidoost', 'Banenplan Zuidoost', 'area'),
        ('job-plan', 'noord', 'Banenplan Noord', 'area'),
        ('job-plan', 'schiphol', 'Banenplan Schiphol', 'area'),
        ('assessment-method', 'dariuz', 'Dariuz-methode', NULL),
        ('assessment-method', 'loonwaarde-plus', 'Loonwaarde Plus', NULL),
        ('assessment-method', 'uwv-loonwaardemeting', 'UWV loonwaardemeting', NULL)`);

    await q.query(`CREATE SEQUENCE participant_number_seq START 1000`);
    await q.query(`
      CREATE TABLE participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Safe to show to employers and partners; unrelated to the BSN.
        participant_number text NOT NULL UNIQUE DEFAULT ('P' || lpad(nextval('participant_number_seq')::text, 7, '0')),
        given_names text NOT NULL CHECK (length(given_names) BETWEEN 1 AND 200),
        family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 200),
        date_of_birth date NOT NULL,
        bsn_encrypted text NOT NULL,
        bsn_hash char(64) NOT NULL UNIQUE,
        email text CHECK (length(email) <= 254),
        phone text CHECK (length(phone) <= 30),
        education_level text CHECK (education_level IN ('none', 'primary', 'vmbo', 'havo-vwo', 'mbo-1', 'mbo-2', 'mbo-3', 'mbo-4', 'hbo-wo')),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);

    await q.query(`CREATE SEQUENCE application_number_seq START 1`);
    await q.query(`
      CREATE TABLE application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_number text NOT NULL UNIQUE DEFAULT ('AV-' || lpad(nextval('application_number_seq')::text, 7, '0')),
        employer_id uuid NOT NULL REFERENCES employer(id),
        participant_id uuid NOT NULL REFERENCES participant(id),
        job_title text NOT NULL CHECK (length(job_title) BETWEEN 1 AND 200),
        sector text NOT NULL CHECK (length(sector) BETWEEN 1 AND 100),
        job_plan_list text NOT NULL DEFAULT 'job-plan' CHECK (job_plan_list = 'job-plan'),
        job_plan_code text NOT NULL,
        contract_start date NOT NULL,
        contract_end date CHECK (contract_end IS NULL OR contract_end >= contract_start),
        hours_per_week numeric(4,2) NOT NULL CHECK (hours_per_week > 0 AND hours_per_week <= 40),
        full_time_hours_per_week numeric(4,2) NOT NULL CHECK (full_time_hours_per_week > 0 AND full_time_hours_per_week <= 40),
        gross_hourly_wage numeric(8,2) NOT NULL CHECK (gross_hourly_wage > 0),
        scale text NOT NULL CHECK (scale IN ('regular', 'bbl')),
        flat_rate_requested boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'in-assessment', 'information-requested',
          'decision-proposed', 'granted', 'rejected', 'active', 'ended', 'withdrawn')),
        version integer NOT NULL DEFAULT 1,
        submitted_on date,
        decided_on date,
        extension_weeks smallint CHECK (extension_weeks BETWEEN 1 AND 8),
        extension_reason text,
        extended_on date,
        proposed_outcome text CHECK (proposed_outcome IN ('grant', 'reject')),
        proposed_reasons text,
        proposed_calculation jsonb,
        proposed_by uuid REFERENCES app_user(id),
        proposed_at timestamptz,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (hours_per_week <= full_time_hours_per_week),
        CHECK ((extension_weeks IS NULL) = (extension_reason IS NULL)),
        FOREIGN KEY (job_plan_list, job_plan_code) REFERENCES code_list_item (list, code)
      )`);
    await q.query(`CREATE INDEX application_employer_idx ON application (employer_id, created_at)`);
    await q.query(`CREATE INDEX application_status_idx ON application (status, submitted_on)`);
    await q.query(`CREATE INDEX application_participant_idx ON application (participant_id)`);

    // Awb 4:15: the decision term is suspended from a request for information until it arrives.
    await q.query(`
      CREATE TABLE information_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application(id),
        requested_on date NOT NULL,
        question text NOT NULL CHECK (length(question) BETWEEN 1 AND 4000),
        requested_by uuid REFERENCES app_user(id),
        received_on date,
        received_note text CHECK (length(received_note) <= 4000),
        received_by uuid REFERENCES app_user(id),
        CHECK (received_on IS NULL OR received_on >= requested_on)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX information_request_one_open ON information_request (application_id) WHERE received_on IS NULL`,
    );

    await q.query(`
      CREATE TABLE wage_value_assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application(id),
        assessed_on date NOT NULL,
        method_list text NOT NULL DEFAULT 'assessment-method' CHECK (method_list = 'assessment-method'),
        method_code text NOT NULL,
        assessor_name text NOT NULL CHECK (length(assessor_name) BETWEEN 1 AND 200),
        percentage numeric(5,2) NOT NULL CHECK (percentage >= 1 AND percentage <= 100),
        workplace_notes text CHECK (length(workplace_notes) <= 8000),
        effective_from date NOT NULL,
        valid_until date NOT NULL CHECK (valid_until > effective_from),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (method_list, method_code) REFERENCES code_list_item (list, code)
      )`);
    await q.query(`CREATE INDEX wage_value_assessment_application_idx ON wage_value_assessment (application_id, effective_from)`);

    await q.query(`
      CREATE TABLE application_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application(id),
        kind text NOT NULL CHECK (kind IN ('employment-contract', 'pay-slip', 'other')),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        uploaded_by uuid REFERENCES app_user(id),
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX application_document_application_idx ON application_document (application_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE application_document, wage_value_assessment, information_request, application, participant`);
    await q.query(`DROP SEQUENCE application_number_seq, participant_number_seq`);
    await q.query(`DROP TABLE code_list_item, bank_account`);
    await q.query(`
      ALTER TABLE employer DROP COLUMN payroll_tax_number, DROP COLUMN street, DROP COLUMN house_number,
        DROP COLUMN postal_code, DROP COLUMN city, DROP COLUMN contact_name, DROP COLUMN contact_email,
        DROP COLUMN contact_phone, DROP COLUMN version`);
  }
}
