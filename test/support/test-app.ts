import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import type { Role } from '../../src/auth/principal';
import { createLogger } from '../../src/common/logging/logger';
import { loadConfig, type AppConfig } from '../../src/config/config';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  config: AppConfig;
  /** Every log line the app wrote, for asserting what (never) reaches the logs. */
  logLines: string[];
  databaseUrl: string;
  close(): Promise<void>;
}

/** A fresh, migrated database per test file, on the Postgres chosen by the global setup. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = new URL(process.env.DATABASE_URL as string);
  const name = `werkkans_t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', DATABASE_URL: db.url, ...env });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      // TEST_LOG=1 shows the app's error log lines while debugging a test.
      if (process.env.TEST_LOG === '1' && /"level":"(warn|error|fatal)"/.test(String(chunk))) process.stderr.write(String(chunk));
      cb();
    },
  });
  const logger = createLogger(config.logLevel, sink);
  const app = await createApp(config, db.url, logger);
  const dataSource = app.get(DataSource);
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource,
    config,
    logLines,
    databaseUrl: db.url,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

let counter = 0;

export interface TestUser {
  id: string;
  email: string;
  token: string;
  employerId?: string;
  educationPartnerId?: string;
}

/** Creates a user straight in the database and logs in through the API. */
export async function createUser(
  t: TestApp,
  roles: Role[],
  org: { employerId?: string; educationPartnerId?: string } = {},
): Promise<TestUser> {
  const { PasswordHasher } = await import('../../src/auth/password-hasher');
  const email = `user${++counter}-${randomBytes(3).toString('hex')}@test.werkkans.nl`;
  const password = 'test-password-123';
  const hash = await t.app.get(PasswordHasher).hash(password);
  const [row] = await t.dataSource.query(
    `INSERT INTO app_user (email, display_name, password_hash, roles, employer_id, education_partner_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [email, `Test ${roles.join('/')}`, hash, roles, org.employerId ?? null, org.educationPartnerId ?? null],
  );
  const res = await t.http.post('/api/v1/auth/token').send({ email, password }).expect(200);
  return { id: row.id, email, token: res.body.accessToken, ...org };
}

export async function createEmployer(t: TestApp, name = 'Test Employer B.V.'): Promise<string> {
  const kvk = String(10000000 + Math.floor(Math.random() * 89999999));
  const [row] = await t.dataSource.query(`INSERT INTO employer (name, kvk_number) VALUES ($1, $2) RETURNING id`, [name, kvk]);
  return row.id;
}

export async function createEducationPartner(t: TestApp, name = 'ROC Test'): Promise<string> {
  const digits = String(10 + Math.floor(Math.random() * 89));
  const letters = String.fromCharCode(65 + Math.floor(Math.random() * 26), 65 + Math.floor(Math.random() * 26));
  const [row] = await t.dataSource.query(`INSERT INTO education_partner (name, brin_code) VALUES ($1, $2) RETURNING id`, [
    name,
    digits + letters,
  ]);
  return row.id;
}

export function bearer(user: TestUser): Record<string, string> {
  return { Authorization: `Bearer ${user.token}` };
}
