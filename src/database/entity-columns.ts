import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * `alias."column" AS "property", …` for every column of an entity, so that a plain query or a
 * RETURNING clause gives rows in the entity's shape, without the query builder's cost where a
 * request is hot. (Dates, numerics and bigints arrive as strings, as they do for entities.)
 */
export function entityColumnList(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>, alias?: string): string {
  const prefix = alias ? `${alias}.` : '';
  return dataSource
    .getMetadata(entity)
    .columns.map((c) => `${prefix}"${c.databaseName}" AS "${c.propertyName}"`)
    .join(', ');
}
