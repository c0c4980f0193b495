import type { DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';

/** One definition of how Werkkans talks to Postgres, shared by the app, the CLI scripts and tests. */
export function dataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'schema_migration',
    // Every schema change is a hand-written migration; the ORM never alters the schema itself.
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // A request waiting longer than this for a pooled connection fails instead of hanging.
    extra: { max: 10, connectionTimeoutMillis: 10_000 },
    ...overrides,
  } as DataSourceOptions;
}
