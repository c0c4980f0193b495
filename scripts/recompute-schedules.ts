import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { isCalendarDate } from '../src/common/dates/calendar-date';
import { createLogger } from '../src/common/logging/logger';
import { ConfigError, loadConfig } from '../src/config/config';
import { resolveDatabase } from '../src/database/resolve-database';
import { PaymentRecomputationService } from '../src/payments/payment-recomputation.service';

/**
 * Indexation from the command line, with a progress bar:
 *   npm run payments:recompute -- 2026-07-01
 */
async function main(): Promise<void> {
  const fromDate = process.argv[2];
  if (!isCalendarDate(fromDate)) {
    process.stderr.write('usage: npm run payments:recompute -- YYYY-MM-DD\n');
    process.exitCode = 2;
    return;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await resolveDatabase(config, logger);
  const app = await NestFactory.createApplicationContext(AppModule.register(config, database.url, logger), { logger: false });
  try {
    const report = await app
      .get(PaymentRecomputationService)
      .recomputeAll({ kind: 'system', name: 'indexation-cli' }, fromDate, (done, total) => {
        const width = 30;
        const filled = total ? Math.round((done / total) * width) : width;
        process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} schedules`);
      });
    process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify({ ...report, changedCount: report.changed.length }, null, 2)}\n`);
    if (report.failed.length) process.exitCode = 1;
  } finally {
    await app.close();
    await database.embedded?.stop();
  }
}

void main();
