import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createLogger } from '../src/common/logging/logger';
import { loadConfig, type AppConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { resolveDatabase } from '../src/database/resolve-database';

/** Runs a command-line task against the configured database (embedded when DATABASE_URL is unset). */
export async function runWithDatabase(
  name: string,
  task: (dataSource: DataSource, config: AppConfig) => Promise<void>,
): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await resolveDatabase(config, logger);
  // The app registers entities per module; a script outside Nest finds them by file name.
  const entities = [join(__dirname, '../src/**/*.{entity,entities}.{js,ts}')];
  const dataSource = new DataSource(dataSourceOptions(database.url, { entities }));
  try {
    await dataSource.initialize();
    await task(dataSource, config);
  } catch (error) {
    logger.error({ err: error }, `${name} failed`);
    process.exitCode = 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.embedded?.stop();
  }
}
