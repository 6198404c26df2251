import type { DataSource } from 'typeorm';

/**
 * The SQL TypeORM would run to make the schema match the entities. Empty means the
 * migrations and entities agree; CI fails on anything else.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}
