import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../setup/global-setup';

const ROOT = join(__dirname, '../..');
const MAIN = join(ROOT, 'dist/src/main.js');
const SEED = join(ROOT, 'dist/scripts/demo-seed.js');

/**
 * What a newcomer does: no DATABASE_URL, an empty data folder, `node dist/src/main.js` (what
 * `npm start` runs after building). The test suite builds first (npm test), so dist/ is current.
 */
describe('start-up on the embedded database from a clean folder', () => {
  let dataDir: string;
  let server: ChildProcess;
  let output = '';
  let baseUrl: string;
  let port: number;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('dist/ is missing: run the tests with `npm test`, which builds first.');
    dataDir = mkdtempSync(join(tmpdir(), 'werkkans-startup-'));
    chmodSync(dataDir, 0o755); // mkdtemp makes it private; Postgres runs as another user under root
    port = await freePort();
    const { DATABASE_URL: _ignored, PUBLIC_BASE_URL: _unset, ...rest } = process.env;
    env = {
      ...rest,
      NODE_ENV: 'development',
      PORT: String(port),
      EMBEDDED_PG_DIR: join(dataDir, 'pg'),
      EMBEDDED_PG_PORT: String(await freePort()),
    };
    baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [MAIN], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d) => (output += d));
    server.stderr!.on('data', (d) => (output += d));
  }, 60_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('reaches healthy with the database up', async () => {
    const deadline = Date.now() + 60_000;
    let last: { status: number; body: any } | undefined;
    while (Date.now() < deadline && server.exitCode === null) {
      try {
        const res = await fetch(`${baseUrl}/api/v1/health`);
        last = { status: res.status, body: await res.json() };
        if (res.status === 200) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    if (last?.status !== 200) throw new Error(`Service did not become healthy. Output:\n${output}`);
    expect(last.body).toEqual({ status: 'up', checks: { database: expect.objectContaining({ status: 'up' }) } });
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
  }, 70_000);

  it('writes JSON log lines with a request id', async () => {
    await fetch(`${baseUrl}/api/v1/health/live`, { headers: { 'X-Request-Id': 'startup-test-req' } });
    await new Promise((r) => setTimeout(r, 200));
    const line = output.split('\n').find((l) => l.includes('startup-test-req'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toEqual(expect.objectContaining({ requestId: 'startup-test-req', status: 200, level: 'info' }));
  });

  it('names the API documentation at the port it listens on, not the default 3000', () => {
    const line = output.split('\n').find((l) => l.includes('Werkkans is listening'));
    expect(JSON.parse(line!)).toEqual(expect.objectContaining({ port, docs: `http://localhost:${port}/api/v1/docs` }));
  });

  it('seeds demo accounts with one command, and a demo user can log in', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [SEED], { env, cwd: ROOT });
    expect(stdout).toMatch(/consulent@demo\.werkkans\.nl/);
    const res = await fetch(`${baseUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'consulent@demo.werkkans.nl', password: 'werkkans-demo-2026' }),
    });
    expect(res.status).toBe(200);
    const { accessToken } = (await res.json()) as { accessToken: string };
    const me = await fetch(`${baseUrl}/api/v1/users/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect(((await me.json()) as { roles: string[] }).roles).toEqual(['caseworker']);
  }, 30_000);

  it('refuses to seed demo data in production configuration', async () => {
    const run = promisify(execFile)(process.execPath, [SEED], {
      env: { ...env, NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1:1/none' },
      cwd: ROOT,
    });
    await expect(run).rejects.toMatchObject({ code: 1 });
    await run.catch((e) => expect(e.stderr + e.stdout).toMatch(/JWT_SECRET: must be set explicitly in production/));
  });
});
