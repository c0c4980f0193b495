import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { migrations } from '../../migrations';
import { SepaFileChunks1764600000000 } from '../../migrations/1764600000000-sepa-file-chunks';
import { EmployerCostsHistory1764900000000 } from '../../migrations/1764900000000-employer-costs-history';
import { createTestDatabase } from '../support/test-app';

describe('migrations', () => {
  it('apply on an empty database, revert completely, and apply again', async () => {
    const db = await createTestDatabase();
    const ds = new DataSource(dataSourceOptions(db.url));
    await ds.initialize();
    try {
      expect((await ds.runMigrations()).length).toBe(migrations.length);
      for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration();
      const tables = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
      expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(['schema_migration']);
      expect((await ds.runMigrations()).length).toBe(migrations.length);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});

describe('migration of SEPA files into chunks', () => {
  it('moves each stored file into one chunk, and back into payment_run.sepa_file on revert', async () => {
    const db = await createTestDatabase();
    const upTo = migrations.indexOf(SepaFileChunks1764600000000);
    const before = new DataSource(dataSourceOptions(db.url, { migrations: migrations.slice(0, upTo) }));
    const after = new DataSource(dataSourceOptions(db.url, { migrations: migrations.slice(0, upTo + 1) }));
    const file = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Document>…</Document>', 'utf8');
    try {
      await before.initialize();
      await before.runMigrations();
      const [user] = await before.query(
        `INSERT INTO app_user (email, display_name, roles) VALUES ('a@b.nl', 'A', '{payment-officer}') RETURNING id`,
      );
      const [withFile] = await before.query(
        `INSERT INTO payment_run (run_date, status, created_by, sepa_file, sepa_sha256) VALUES ('2026-02-15', 'approved', $1, $2, $3) RETURNING id`,
        [user.id, file, 'a'.repeat(64)],
      );
      const [withoutFile] = await before.query(
        `INSERT INTO payment_run (run_date, status, created_by) VALUES ('2026-02-15', 'created', $1) RETURNING id`,
        [user.id],
      );
      await before.destroy();

      await after.initialize();
      expect((await after.runMigrations()).map((m) => m.name)).toEqual([SepaFileChunks1764600000000.name]);
      expect(await after.query(`SELECT run_id, seq, bytes FROM payment_run_file_chunk`)).toEqual([
        { run_id: withFile.id, seq: 0, bytes: file },
      ]);
      const columns = await after.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'payment_run' AND column_name = 'sepa_file'`,
      );
      expect(columns).toEqual([]);

      await after.undoLastMigration();
      const runs = await after.query(`SELECT id, sepa_file FROM payment_run ORDER BY sepa_file NULLS LAST`);
      expect(runs).toEqual([
        { id: withFile.id, sepa_file: file },
        { id: withoutFile.id, sepa_file: null },
      ]);
    } finally {
      if (before.isInitialized) await before.destroy();
      if (after.isInitialized) await after.destroy();
      await db.drop();
    }
  });
});

describe('migration of the employer-cost history', () => {
  it('corrects every set from 2018 still at 23% to 23.5%, and adds 2015–2017 at 23% and 2018 up to the first set at 23.5%', async () => {
    const db = await createTestDatabase();
    const upTo = migrations.indexOf(EmployerCostsHistory1764900000000);
    const before = new DataSource(dataSourceOptions(db.url, { migrations: migrations.slice(0, upTo) }));
    const after = new DataSource(dataSourceOptions(db.url, { migrations: migrations.slice(0, upTo + 1) }));
    const sets = (ds: DataSource) =>
      ds.query(
        `SELECT valid_from::text, valid_until::text, employer_costs_percentage::text AS ec, cap_percentage::text AS cap
         FROM lks_parameter_set ORDER BY valid_from`,
      );
    try {
      await before.initialize();
      await before.runMigrations();
      // An administrator had added a set of their own from 2026, also at 23%.
      await before.query(`UPDATE lks_parameter_set SET valid_until = '2025-12-31'`);
      await before.query(
        `INSERT INTO lks_parameter_set (valid_from, valid_until, cap_percentage, holiday_allowance_percentage,
           employer_costs_percentage, flat_rate_percentage, flat_rate_max_months)
         VALUES ('2026-01-01', NULL, 70, 8, 23, 50, 6)`,
      );
      await before.destroy();

      await after.initialize();
      await after.runMigrations();
      expect(await sets(after)).toEqual([
        { valid_from: '2015-01-01', valid_until: '2017-12-31', ec: '23.00', cap: '70.00' },
        { valid_from: '2018-01-01', valid_until: '2023-12-31', ec: '23.50', cap: '70.00' },
        { valid_from: '2024-01-01', valid_until: '2025-12-31', ec: '23.50', cap: '70.00' },
        { valid_from: '2026-01-01', valid_until: null, ec: '23.50', cap: '70.00' },
      ]);
      const audit = await after.query(
        `SELECT action, actor_role FROM audit_event WHERE entity_type = 'lks-parameter-set' ORDER BY id`,
      );
      expect(audit).toEqual([
        { action: 'lks-parameter-set.corrected', actor_role: 'system:migration' },
        { action: 'lks-parameter-set.corrected', actor_role: 'system:migration' },
        { action: 'lks-parameter-set.created', actor_role: 'system:migration' },
        { action: 'lks-parameter-set.created', actor_role: 'system:migration' },
      ]);

      await after.undoLastMigration();
      expect((await sets(after)).map((s: { valid_from: string }) => s.valid_from)).toEqual(['2024-01-01', '2026-01-01']);
    } finally {
      if (before.isInitialized) await before.destroy();
      if (after.isInitialized) await after.destroy();
      await db.drop();
    }
  });
});
