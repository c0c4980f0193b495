import type { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE … RETURNING and gives back the returned rows. TypeORM hands UPDATE results back
 * as `[rows, affectedCount]` rather than the plain rows a SELECT gives.
 */
export async function updateReturning<T>(m: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const result: unknown = await m.query(sql, parameters);
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];
}
