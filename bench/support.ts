import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { freePort } from '../test/setup/global-setup';

export type Cleanups = Array<() => Promise<unknown> | unknown>;

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for one bench run, on DATABASE_URL's server or an embedded Postgres in a
 * temporary folder; returns its URL and registers how to remove it all in `cleanups`.
 */
export async function benchDatabase(cleanups: Cleanups): Promise<string> {
  let baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'werkkans-bench-pg-'));
    chmodSync(dir, 0o755); // postgres runs as another user when we are root
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), database: 'postgres' });
    cleanups.push(() => pg.stop());
    baseUrl = pg.url;
  }
  const server = baseUrl;
  const dbName = `werkkans_bench_${randomBytes(6).toString('hex')}`;
  await withClient(server, (c) => c.query(`CREATE DATABASE ${dbName}`));
  cleanups.push(() => withClient(server, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)));
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/**
 * Runs a bench's `main`: what it registers in `cleanups` is undone in reverse order however it
 * ends, an error is printed and fails the run, and the process exits with the run's exit code.
 */
export function runBench(main: (cleanups: Cleanups) => Promise<void>): void {
  const cleanups: Cleanups = [];
  main(cleanups)
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(async () => {
      for (const cleanup of cleanups.reverse()) {
        try {
          await cleanup();
        } catch (e) {
          console.error('cleanup failed:', e);
        }
      }
    })
    // Exit explicitly: embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls
    // process.exit(0) and would turn a failed run into exit code 0.
    .finally(() => process.exit(process.exitCode ?? 0));
}
