import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createLogger } from '../src/common/logging/logger';
import { describeError } from '../src/common/problem/problem-details.filter';
import { ConfigError, loadConfig, type AppConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { resolveDatabase } from '../src/database/resolve-database';

/**
 * Runs a command-line task against the configured database (embedded when DATABASE_URL is unset).
 * `precheck` runs before anything touches the database, to refuse early.
 */
export async function runWithDatabase(
  name: string,
  task: (dataSource: DataSource, config: AppConfig) => Promise<void>,
  precheck: (config: AppConfig) => void = () => undefined,
): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
    precheck(config);
  } catch (error) {
    process.stderr.write(`${name}: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config.logLevel);
  const database = await resolveDatabase(config, logger);
  // The app registers entities per module; a script outside Nest finds them by file name.
  const entities = [join(__dirname, '../src/**/*.{entity,entities}.{js,ts}')];
  const dataSource = new DataSource(dataSourceOptions(database.url, { entities }));
  try {
    await dataSource.initialize();
    await task(dataSource, config);
  } catch (error) {
    logger.error({ error: describeError(error) }, `${name} failed`);
    process.exitCode = 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.embedded?.stop();
  }
}
