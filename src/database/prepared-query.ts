import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs one statement as a named prepared statement on a pooled connection, outside any
 * transaction. Postgres then parses and plans it once per connection (a generic plan after a few
 * runs) instead of on every call, which is most of what a short statement costs it; TypeORM's
 * `query` cannot do this. For the statements of the busiest requests only: `name` must stand for
 * exactly one `text` for the life of the process.
 */
export async function preparedQuery<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return (await pool.query<T & object>({ name, text, values })).rows;
}
