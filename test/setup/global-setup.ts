import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * One Postgres for the whole run: the one in DATABASE_URL, or an embedded cluster in a temporary
 * folder. Each test file then creates its own database on it (test/support/test-app.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'werkkans-test-pg-'));
  const running = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'werkkans_test' });
  process.env.DATABASE_URL = running.url;
  (globalThis as any).__WERKKANS_TEST_PG__ = { running, dataDir };
}
