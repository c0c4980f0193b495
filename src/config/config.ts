import { resolve } from 'node:path';
import { z } from 'zod';
import { parseKey } from '../common/privacy/bsn-protector';

/**
 * All configuration comes from environment variables, validated once at start-up.
 * Development defaults let `npm start` work on a fresh machine; production refuses them.
 */
const DEV_JWT_SECRET = 'werkkans-development-only-secret-change-me';
// Development-only keys (base64); production refuses to start with them.
const DEV_BSN_ENCRYPTION_KEY = 'ZGV2LW9ubHktYnNuLWVuY3J5cHRpb24ta2V5LTMyYiE=';
const DEV_BSN_HASH_KEY = 'ZGV2LW9ubHktYnNuLWxvb2t1cC1obWFjLWtleS0zMiE=';

const KEY_MESSAGE = 'must be a 32-byte key, base64 or 64 hex characters';
function isKey(value: string): boolean {
  try {
    parseKey(value, 'key');
    return true;
  } catch {
    return false;
  }
}

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    EMBEDDED_PG_DIR: z.string().default('.data/postgres'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
    TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
    BSN_ENCRYPTION_KEY: z.string().default(DEV_BSN_ENCRYPTION_KEY).refine(isKey, KEY_MESSAGE),
    BSN_HASH_KEY: z.string().default(DEV_BSN_HASH_KEY).refine(isKey, KEY_MESSAGE),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/, 'must look like 100kb or 1mb')
      .default('1mb'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MIGRATIONS_RUN: z.enum(['true', 'false']).default('true'),
    PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
    MUNICIPALITY_NAME: z.string().min(1).max(100).default('Gemeente Amstelstad'),
    MUNICIPALITY_DEPARTMENT: z.string().min(1).max(100).default('Werk, Participatie en Inkomen'),
    MUNICIPALITY_ADDRESS: z
      .string()
      .min(1)
      .max(300)
      .default('Postbus 1000|1000 AA Amstelstad')
      .describe('address lines separated by |'),
    MUNICIPALITY_PHONE: z.string().min(1).max(30).default('14 020'),
    MUNICIPALITY_EMAIL: z.string().email().default('werkgeversservice@amstelstad.example.nl'),
    MUNICIPALITY_WEBSITE: z.string().min(1).max(100).default('www.amstelstad.example.nl/werkkans'),
    MUNICIPALITY_IBAN: z
      .string()
      .regex(/^NL\d{2}[A-Z]{4}\d{10}$/, 'must be a Dutch IBAN without spaces')
      .default('NL39RABO0300065264'),
    MUNICIPALITY_BIC: z
      .string()
      .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'must be a BIC')
      .default('RABONL2U'),
    PAYMENT_DUE_DAY: z.coerce.number().int().min(1).max(28).default(15),
    PAYMENT_RUN_MAX_DAYS_AHEAD: z.coerce.number().int().min(0).max(366).default(31),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
    OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
    SEPA_FILE_CHUNK_BYTES: z.coerce
      .number()
      .int()
      .min(256)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    SIGNATORY_TITLE: z.string().min(1).max(100).default('Teamleider Werkgeversdienstverlening'),
    PORTAL_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(240).default(30),
    PORTAL_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24).default(12),
    // Which proxies may name the client in X-Forwarded-For (login throttling counts per client address):
    // 'false', a hop count, or a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal.
    TRUST_PROXY: z
      .string()
      .regex(/^(false|\d{1,2}|[\w.:/-]+(\s*,\s*[\w.:/-]+)*)$/, 'must be false, a hop count or a list of addresses or subnets')
      .refine((v) => v !== 'true', 'must name the proxies (true would trust any X-Forwarded-For)')
      .default('loopback'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    const mustBeSet: Array<[keyof typeof env, string]> = [
      ['JWT_SECRET', DEV_JWT_SECRET],
      ['BSN_ENCRYPTION_KEY', DEV_BSN_ENCRYPTION_KEY],
      ['BSN_HASH_KEY', DEV_BSN_HASH_KEY],
    ];
    for (const [name, devValue] of mustBeSet) {
      if (env[name] === devValue) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'must be set explicitly in production' });
      }
    }
    if (!env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required in production' });
    }
    if (!env.PUBLIC_BASE_URL.startsWith('https://')) {
      // Portal session cookies are only sent over TLS in production.
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_BASE_URL'], message: 'must be an https:// URL in production' });
    }
  });

export type Environment = z.infer<typeof schema>;

export interface AppConfig {
  env: Environment['NODE_ENV'];
  port: number;
  databaseUrl?: string;
  embeddedPostgres: { dataDir: string; port: number };
  jwt: { secret: string; ttlSeconds: number };
  bsn: { encryptionKey: Buffer; hashKey: Buffer };
  bodyLimit: string;
  logLevel: Environment['LOG_LEVEL'];
  runMigrations: boolean;
  publicBaseUrl: string;
  /** Instalments are paid in arrears on this day of the following month. */
  paymentDueDay: number;
  /** A payment run's date is today or at most this many days later. */
  paymentRunMaxDaysAhead: number;
  outbox: {
    /** Pending outbox events are looked for this often (ms), besides right after a decision is issued. */
    pollMs: number;
    /** After this many failed attempts an event is set aside as failed, for an admin to retry. */
    maxAttempts: number;
    /** The wait after the first failure (ms); it doubles with every further failure. */
    retryBaseMs: number;
  };
  portal: {
    /** A portal session ends after this many minutes without a request, and at most after maxHours. */
    sessionIdleMinutes: number;
    sessionMaxHours: number;
    /** Session cookies get the Secure attribute when the public address is https. */
    secureCookies: boolean;
  };
  /** Express's `trust proxy`: whose X-Forwarded-For names the client. */
  trustProxy: boolean | number | string;
  /** SEPA files are stored and read back in chunks of this many bytes. */
  sepaFileChunkBytes: number;
  municipality: {
    name: string;
    department: string;
    addressLines: string[];
    phone: string;
    email: string;
    website: string;
    signatoryTitle: string;
    /** The account payments are made from (debtor in SEPA files). */
    iban: string;
    bic: string;
  };
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError naming every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    embeddedPostgres: { dataDir: resolve(e.EMBEDDED_PG_DIR), port: e.EMBEDDED_PG_PORT },
    jwt: { secret: e.JWT_SECRET, ttlSeconds: e.TOKEN_TTL_SECONDS },
    bsn: {
      encryptionKey: parseKey(e.BSN_ENCRYPTION_KEY, 'BSN_ENCRYPTION_KEY'),
      hashKey: parseKey(e.BSN_HASH_KEY, 'BSN_HASH_KEY'),
    },
    bodyLimit: e.BODY_LIMIT,
    logLevel: e.LOG_LEVEL,
    runMigrations: e.MIGRATIONS_RUN === 'true',
    publicBaseUrl: e.PUBLIC_BASE_URL,
    paymentDueDay: e.PAYMENT_DUE_DAY,
    paymentRunMaxDaysAhead: e.PAYMENT_RUN_MAX_DAYS_AHEAD,
    outbox: { pollMs: e.OUTBOX_POLL_MS, maxAttempts: e.OUTBOX_MAX_ATTEMPTS, retryBaseMs: e.OUTBOX_RETRY_BASE_MS },
    portal: {
      sessionIdleMinutes: e.PORTAL_SESSION_IDLE_MINUTES,
      sessionMaxHours: e.PORTAL_SESSION_MAX_HOURS,
      secureCookies: e.PUBLIC_BASE_URL.startsWith('https://'),
    },
    trustProxy: e.TRUST_PROXY === 'false' ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    sepaFileChunkBytes: e.SEPA_FILE_CHUNK_BYTES,
    municipality: {
      name: e.MUNICIPALITY_NAME,
      department: e.MUNICIPALITY_DEPARTMENT,
      addressLines: e.MUNICIPALITY_ADDRESS.split('|').map((l) => l.trim()),
      phone: e.MUNICIPALITY_PHONE,
      email: e.MUNICIPALITY_EMAIL,
      website: e.MUNICIPALITY_WEBSITE,
      signatoryTitle: e.SIGNATORY_TITLE,
      iban: e.MUNICIPALITY_IBAN,
      bic: e.MUNICIPALITY_BIC,
    },
  };
}

/** Injection token for the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
