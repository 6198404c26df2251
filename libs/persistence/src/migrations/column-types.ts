import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column helpers for migrations that must run unchanged on SQLite and PostgreSQL. The
 * timestamp type is asked of the driver, exactly as it maps an entity's `type: Date`,
 * so entities and migrations cannot disagree.
 */
export function timestampType(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.normalizeType({ type: Date });
}

export function varchar(
  name: string,
  length: number,
  extra: Partial<TableColumnOptions> = {},
): TableColumnOptions {
  return { name, type: 'varchar', length: String(length), ...extra };
}

/** JSON documents are stored as text ('simple-json') on both drivers. */
export function json(name: string, nullable = false): TableColumnOptions {
  return { name, type: 'text', isNullable: nullable };
}

export function timestamp(
  queryRunner: QueryRunner,
  name: string,
  nullable = false,
): TableColumnOptions {
  return { name, type: timestampType(queryRunner), isNullable: nullable };
}
