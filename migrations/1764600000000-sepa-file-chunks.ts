import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A payment run's SEPA file is stored in chunks of bounded size instead of one bytea value, so
 * approval can write and download can read a file of 100,000 transfers piece by piece. Files
 * already written become one chunk each; down joins the chunks back into payment_run.sepa_file.
 */
export class SepaFileChunks1764600000000 implements MigrationInterface {
  name = 'SepaFileChunks1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_run_file_chunk (
        run_id uuid NOT NULL REFERENCES payment_run(id),
        seq integer NOT NULL CHECK (seq >= 0),
        bytes bytea NOT NULL CHECK (length(bytes) > 0),
        PRIMARY KEY (run_id, seq)
      )`);
    await q.query(
      `INSERT INTO payment_run_file_chunk (run_id, seq, bytes) SELECT id, 0, sepa_file FROM payment_run WHERE length(sepa_file) > 0`,
    );
    await q.query(`ALTER TABLE payment_run DROP COLUMN sepa_file`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment_run ADD COLUMN sepa_file bytea`);
    await q.query(
      `UPDATE payment_run r SET sepa_file = f.bytes
         FROM (SELECT run_id, string_agg(bytes, ''::bytea ORDER BY seq) AS bytes FROM payment_run_file_chunk GROUP BY run_id) f
        WHERE f.run_id = r.id`,
    );
    await q.query(`DROP TABLE payment_run_file_chunk`);
  }
}
