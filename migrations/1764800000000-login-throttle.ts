import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins per account (API and portals), to stop password guessing. The key is a SHA-256 of
 * the lower-cased email address, so addresses that were merely tried are not stored.
 */
export class LoginThrottle1764800000000 implements MigrationInterface {
  name = 'LoginThrottle1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_throttle (
        account_key bytea PRIMARY KEY CHECK (length(account_key) = 32),
        failures integer NOT NULL CHECK (failures > 0),
        window_start timestamptz NOT NULL,
        locked_until timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
  }
}
