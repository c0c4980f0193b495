import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions of the web portals. The cookie carries a random token; only its SHA-256 is
 * stored, so a leaked table does not yield live sessions. Each session has its own CSRF token.
 */
export class PortalSessions1764500000000 implements MigrationInterface {
  name = 'PortalSessions1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE portal_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        csrf_token text NOT NULL CHECK (length(csrf_token) BETWEEN 32 AND 128),
        flash text CHECK (flash IS NULL OR length(flash) <= 500),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX portal_session_user_idx ON portal_session (user_id)`);
    await q.query(`CREATE INDEX portal_session_expires_idx ON portal_session (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE portal_session`);
  }
}
