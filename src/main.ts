import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.factory';
import { createLogger } from './common/logging/logger';
import { ConfigError, loadConfig } from './config/config';
import { resolveDatabase } from './database/resolve-database';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = await resolveDatabase(config, logger);
  const app = await createApp(config, database.url, logger);
  if (database.embedded) {
    const embedded = database.embedded;
    app.getHttpServer().on('close', () => void embedded.stop());
  }
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  // Without PUBLIC_BASE_URL the service is reached on this machine, at the port it really listens on.
  const baseUrl = process.env.PUBLIC_BASE_URL ? config.publicBaseUrl : `http://localhost:${port}`;
  logger.info({ port, docs: `${baseUrl}/api/v1/docs` }, 'Werkkans is listening');
}

main().catch((error) => {
  process.stderr.write(`Werkkans failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
