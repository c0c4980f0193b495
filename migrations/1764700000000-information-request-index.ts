import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An application's information requests are read with every view of it, also on submission;
 * without this index each read scanned the whole table.
 */
export class InformationRequestIndex1764700000000 implements MigrationInterface {
  name = 'InformationRequestIndex1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX information_request_application_idx ON information_request (application_id, requested_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX information_request_application_idx`);
  }
}
