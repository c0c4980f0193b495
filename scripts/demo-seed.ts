import { assertDemoAllowed, DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from '../src/demo/demo-data';
import { runWithDatabase } from './cli';

void runWithDatabase(
  'demo-seed',
  async (dataSource, config) => {
    await dataSource.runMigrations({ transaction: 'each' });
    const { created } = await seedDemoData(dataSource, config.env);
    process.stdout.write(created.length ? `Created: ${created.join(', ')}\n` : 'Demo data was already there.\n');
    process.stdout.write(`Demo accounts (password "${DEMO_PASSWORD}"):\n`);
    for (const a of DEMO_ACCOUNTS) process.stdout.write(`  ${a.role.padEnd(18)} ${a.email}\n`);
  },
  (config) => assertDemoAllowed(config.env),
);
