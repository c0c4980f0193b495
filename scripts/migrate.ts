import { runWithDatabase } from './cli';

void runWithDatabase('migrate', async (dataSource) => {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  process.stdout.write(applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}\n` : 'Database is up to date.\n');
});
