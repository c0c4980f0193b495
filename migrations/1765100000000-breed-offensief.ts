import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Breed offensief (Participatiewet art. 10d as amended by Stb. 2022, 499, in force 1 July 2023)
 * on the application:
 *
 * - `employment_origin`: where the employee came from directly before the job. It decides the
 *   application window (before the start, or within six months after it for praktijkonderwijs,
 *   voortgezet speciaal onderwijs, an MBO entree course, or a job the municipality helped to find).
 * - `target_group_*`: why the person belongs to the LKS target group: registered in the
 *   doelgroepregister (on a date), or assessed by the municipality itself (praktijkroute: date and
 *   assessor). A caseworker records it before proposing a grant.
 * - `no_measurement_*`: the college's decision, with the employer, that the wage value need not be
 *   measured (art. 10d lid 1 sub b); with a wage-value assessment it starts the five-week decision term.
 *
 * Existing applications keep NULL in all of them: their history does not say. An unknown origin is
 * treated as the general rule (apply before the start) when such a draft is submitted.
 */
export class BreedOffensief1765100000000 implements MigrationInterface {
  name = 'BreedOffensief1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application
        ADD COLUMN employment_origin text CHECK (employment_origin IN
          ('praktijkonderwijs', 'voortgezet-speciaal-onderwijs', 'mbo-entree', 'municipality-placement', 'other')),
        ADD COLUMN target_group_basis text CHECK (target_group_basis IN ('doelgroepregister', 'praktijkroute')),
        ADD COLUMN target_group_registered_on date,
        ADD COLUMN target_group_assessed_on date,
        ADD COLUMN target_group_assessor text CHECK (length(target_group_assessor) BETWEEN 1 AND 200),
        ADD COLUMN no_measurement_decided_on date,
        ADD COLUMN no_measurement_reason text CHECK (length(no_measurement_reason) BETWEEN 1 AND 2000),
        ADD COLUMN no_measurement_decided_by uuid REFERENCES app_user(id),
        ADD CONSTRAINT application_target_group_complete CHECK (
          (target_group_basis IS NULL AND target_group_registered_on IS NULL
             AND target_group_assessed_on IS NULL AND target_group_assessor IS NULL)
          OR (target_group_basis = 'doelgroepregister' AND target_group_registered_on IS NOT NULL
             AND target_group_assessed_on IS NULL AND target_group_assessor IS NULL)
          OR (target_group_basis = 'praktijkroute' AND target_group_registered_on IS NULL
             AND target_group_assessed_on IS NOT NULL AND target_group_assessor IS NOT NULL)),
        ADD CONSTRAINT application_no_measurement_complete CHECK (
          (no_measurement_decided_on IS NULL) = (no_measurement_reason IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE application
        DROP CONSTRAINT application_no_measurement_complete,
        DROP CONSTRAINT application_target_group_complete,
        DROP COLUMN no_measurement_decided_by,
        DROP COLUMN no_measurement_reason,
        DROP COLUMN no_measurement_decided_on,
        DROP COLUMN target_group_assessor,
        DROP COLUMN target_group_assessed_on,
        DROP COLUMN target_group_registered_on,
        DROP COLUMN target_group_basis,
        DROP COLUMN employment_origin`);
  }
}
