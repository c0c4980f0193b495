import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { migrations } from '../../migrations';
import { SepaFileChunks1764600000000 } from '../../migrations/1764600000000-sepa-file-chunks';
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
