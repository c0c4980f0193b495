import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation schema: organisations that users belong to, users, the append-only audit trail,
 * and reference data with validity periods (minimum wage table, LKS parameters), seeded from
 * reference/minimum-wage.csv (sourced amounts, see that folder's README).
 */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE employer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kvk_number char(8) NOT NULL UNIQUE CHECK (kvk_number ~ '^[0-9]{8}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE education_partner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        brin_code char(4) NOT NULL UNIQUE CHECK (brin_code ~ '^[0-9]{2}[A-Z]{2}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        -- NULL for accounts that only log in through an external identity provider.
        password_hash text,
        roles text[] NOT NULL CHECK (
          cardinality(roles) >= 1 AND
          roles <@ ARRAY['employer','education-partner','caseworker','approver','payment-officer','admin']::text[]
        ),
        employer_id uuid REFERENCES employer(id),
        education_partner_id uuid REFERENCES education_partner(id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- An external user belongs to exactly one organisation and has no backoffice role.
        CONSTRAINT app_user_employer_binding CHECK (
          ('employer' = ANY(roles)) = (employer_id IS NOT NULL) AND
          (NOT 'employer' = ANY(roles) OR roles = ARRAY['employer']::text[])),
        CONSTRAINT app_user_partner_binding CHECK (
          ('education-partner' = ANY(roles)) = (education_partner_id IS NOT NULL) AND
          (NOT 'education-partner' = ANY(roles) OR roles = ARRAY['education-partner']::text[]))
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);

    await q.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor_role text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        request_id text
      )`);
    await q.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, id)`);
    // Append-only, whoever connects: rows can be inserted, never changed or removed.
    await q.query(`
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only()`);

    // Reference data: periods may not overlap (enforced here too, not only in code).
    await q.query(`
      CREATE TABLE minimum_wage_period (
        id serial PRIMARY KEY,
        valid_from date NOT NULL UNIQUE,
        valid_until date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_until IS NULL OR valid_until >= valid_from),
        EXCLUDE USING gist (daterange(valid_from, valid_until, '[]') WITH &&)
      )`);
    await q.query(`
      CREATE TABLE minimum_wage_rate (
        period_id integer NOT NULL REFERENCES minimum_wage_period(id) ON DELETE CASCADE,
        scale text NOT NULL CHECK (scale IN ('regular', 'bbl')),
        age smallint NOT NULL CHECK (age BETWEEN 14 AND 21),
        percentage numeric(5,2) NOT NULL CHECK (percentage > 0 AND percentage <= 100),
        hourly numeric(8,2) NOT NULL CHECK (hourly > 0),
        PRIMARY KEY (period_id, scale, age)
      )`);
    await q.query(`
      CREATE TABLE lks_parameter_set (
        id serial PRIMARY KEY,
        valid_from date NOT NULL UNIQUE,
        valid_until date,
        cap_percentage numeric(5,2) NOT NULL CHECK (cap_percentage > 0 AND cap_percentage <= 100),
        holiday_allowance_percentage numeric(5,2) NOT NULL CHECK (holiday_allowance_percentage >= 0 AND holiday_allowance_percentage <= 100),
        employer_costs_percentage numeric(5,2) NOT NULL CHECK (employer_costs_percentage >= 0 AND employer_costs_percentage <= 100),
        flat_rate_percentage numeric(5,2) NOT NULL CHECK (flat_rate_percentage > 0 AND flat_rate_percentage <= 100),
        flat_rate_max_months smallint NOT NULL CHECK (flat_rate_max_months BETWEEN 1 AND 36),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_until IS NULL OR valid_until >= valid_from),
        EXCLUDE USING gist (daterange(valid_from, valid_until, '[]') WITH &&)
      )`);

    for (const [validFrom, validUntil] of MINIMUM_WAGE_PERIODS) {
      await q.query(`INSERT INTO minimum_wage_period (valid_from, valid_until) VALUES ($1, $2)`, [validFrom, validUntil]);
    }
    for (const [validFrom, scale, age, percentage, hourly] of MINIMUM_WAGE_RATES) {
      await q.query(
        `INSERT INTO minimum_wage_rate (period_id, scale, age, percentage, hourly)
         SELECT id, $2, $3, $4, $5 FROM minimum_wage_period WHERE valid_from = $1`,
        [validFrom, scale, age, percentage, hourly],
      );
    }
    // Participatiewet art. 10d and the municipality's policy rules: 70% cap, 8% holiday
    // allowance, 23% employer costs, flat rate 50% for at most 6 months.
    await q.query(`
      INSERT INTO lks_parameter_set (valid_from, valid_until, cap_percentage, holiday_allowance_percentage,
        employer_costs_percentage, flat_rate_percentage, flat_rate_max_months)
      VALUES ('2024-01-01', NULL, 70.00, 8.00, 23.00, 50.00, 6)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE lks_parameter_set, minimum_wage_rate, minimum_wage_period`);
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_is_append_only`);
    await q.query(`DROP TABLE app_user, education_partner, employer`);
  }
}

/** Half-year periods; the 2026-01-01 period ends when the 1 July 2026 indexation is entered. */
const MINIMUM_WAGE_PERIODS: Array<[string, string]> = [
  ['2024-01-01', '2024-06-30'],
  ['2024-07-01', '2024-12-31'],
  ['2025-01-01', '2025-06-30'],
  ['2025-07-01', '2025-12-31'],
  ['2026-01-01', '2026-06-30'],
];

/** valid_from, scale, age (21 = 21 and older), percentage of the adult amount, hourly euros. */
const MINIMUM_WAGE_RATES: Array<[string, string, number, string, string]> = [
  ['2024-01-01', 'regular', 21, '100.00', '13.27'],
  ['2024-01-01', 'regular', 20, '80.00', '10.62'],
  ['2024-01-01', 'regular', 19, '60.00', '7.96'],
  ['2024-01-01', 'regular', 18, '50.00', '6.64'],
  ['2024-01-01', 'regular', 17, '39.50', '5.24'],
  ['2024-01-01', 'regular', 16, '34.50', '4.58'],
  ['2024-01-01', 'regular', 15, '30.00', '3.98'],
  ['2024-01-01', 'bbl', 20, '61.50', '8.16'],
  ['2024-01-01', 'bbl', 19, '52.50', '6.97'],
  ['2024-01-01', 'bbl', 18, '45.50', '6.04'],
  ['2024-07-01', 'regular', 21, '100.00', '13.68'],
  ['2024-07-01', 'regular', 20, '80.00', '10.94'],
  ['2024-07-01', 'regular', 19, '60.00', '8.21'],
  ['2024-07-01', 'regular', 18, '50.00', '6.84'],
  ['2024-07-01', 'regular', 17, '39.50', '5.40'],
  ['2024-07-01', 'regular', 16, '34.50', '4.72'],
  ['2024-07-01', 'regular', 15, '30.00', '4.10'],
  ['2024-07-01', 'bbl', 20, '61.50', '8.41'],
  ['2024-07-01', 'bbl', 19, '52.50', '7.18'],
  ['2024-07-01', 'bbl', 18, '45.50', '6.22'],
  ['2025-01-01', 'regular', 21, '100.00', '14.06'],
  ['2025-01-01', 'regular', 20, '80.00', '11.25'],
  ['2025-01-01', 'regular', 19, '60.00', '8.44'],
  ['2025-01-01', 'regular', 18, '50.00', '7.03'],
  ['2025-01-01', 'regular', 17, '39.50', '5.55'],
  ['2025-01-01', 'regular', 16, '34.50', '4.85'],
  ['2025-01-01', 'regular', 15, '30.00', '4.22'],
  ['2025-01-01', 'bbl', 20, '61.50', '8.65'],
  ['2025-01-01', 'bbl', 19, '52.50', '7.38'],
  ['2025-01-01', 'bbl', 18, '45.50', '6.40'],
  ['2025-07-01', 'regular', 21, '100.00', '14.40'],
  ['2025-07-01', 'regular', 20, '80.00', '11.52'],
  ['2025-07-01', 'regular', 19, '60.00', '8.64'],
  ['2025-07-01', 'regular', 18, '50.00', '7.20'],
  ['2025-07-01', 'regular', 17, '39.50', '5.69'],
  ['2025-07-01', 'regular', 16, '34.50', '4.97'],
  ['2025-07-01', 'regular', 15, '30.00', '4.32'],
  ['2025-07-01', 'bbl', 20, '61.50', '8.86'],
  ['2025-07-01', 'bbl', 19, '52.50', '7.56'],
  ['2025-07-01', 'bbl', 18, '45.50', '6.55'],
  ['2026-01-01', 'regular', 21, '100.00', '14.71'],
  ['2026-01-01', 'regular', 20, '80.00', '11.77'],
  ['2026-01-01', 'regular', 19, '60.00', '8.83'],
  ['2026-01-01', 'regular', 18, '50.00', '7.36'],
  ['2026-01-01', 'regular', 17, '39.50', '5.81'],
  ['2026-01-01', 'regular', 16, '34.50', '5.07'],
  ['2026-01-01', 'regular', 15, '30.00', '4.41'],
  ['2026-01-01', 'bbl', 20, '61.50', '9.05'],
  ['2026-01-01', 'bbl', 19, '52.50', '7.72'],
  ['2026-01-01', 'bbl', 18, '45.50', '6.69'],
];
