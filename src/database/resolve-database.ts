import type { Logger } from 'pino';
import type { AppConfig } from '../config/config';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';

/**
 * DATABASE_URL when set; otherwise an embedded Postgres whose data lives in EMBEDDED_PG_DIR, so a
 * machine with only Node can run the service.
 */
export async function resolveDatabase(config: AppConfig, logger: Logger): Promise<{ url: string; embedded?: RunningPostgres }> {
  if (config.databaseUrl) return { url: config.databaseUrl };
  logger.info({ dataDir: config.embeddedPostgres.dataDir, port: config.embeddedPostgres.port }, 'starting embedded Postgres');
  const embedded = await startEmbeddedPostgres({
    dataDir: config.embeddedPostgres.dataDir,
    port: config.embeddedPostgres.port,
    database: 'werkkans',
    onLog: (line) => logger.debug({ component: 'embedded-postgres' }, line),
  });
  return { url: embedded.url, embedded };
}
