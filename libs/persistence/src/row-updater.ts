import {
  type DataSource,
  type EntityManager,
  type EntityTarget,
  FindOperator,
  type ObjectLiteral,
} from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { perDataSource } from './per-data-source.js';
import { sendWrite, type WriteExpectation } from './pipelined-writes.js';
import { parameterList, parameterOf, quote } from './row-reader.js';

/** A criterion the fixed statements take: a value, or `In([...])`. */
type Criterion = { column: ColumnMetadata; values: readonly unknown[]; list: boolean };

/**
 * `UPDATE … SET … WHERE …` of the event path (items, tasks, clocks) as SQL built once per
 * shape — the columns set, and for each criterion its column and how many values it lists —
 * with every value converted by the driver's rules for its column, as TypeORM's query
 * builder does. Building the statement with the query builder on every call cost more
 * CPU than the statement itself. What the fixed form does not cover (another find
 * operator, a raw SQL value) goes through the query builder.
 */
class RowUpdater {
  private readonly statements = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  /** The statement and its values, or null when the query builder must make it. */
  statement(
    entity: EntityTarget<ObjectLiteral>,
    criteria: ObjectLiteral,
    changes: ObjectLiteral,
  ): { sql: string; values: unknown[] } | null {
    const metadata = this.dataSource.getMetadata(entity);
    const driver = this.dataSource.driver;
    const set: { column: ColumnMetadata; value: unknown }[] = [];
    for (const [property, value] of Object.entries(changes)) {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column || value === undefined || typeof value === 'function') return null;
      set.push({ column, value });
    }
    const where: Criterion[] = [];
    for (const [property, value] of Object.entries(criteria)) {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column || value === undefined) return null;
      if (value instanceof FindOperator) {
        const listed: unknown = value.value;
        if (value.type !== 'in' || !Array.isArray(listed) || listed.length === 0) return null;
        where.push({ column, values: listed, list: true });
      } else {
        where.push({ column, values: [value], list: false });
      }
    }
    if (set.length === 0 || where.length === 0) return null;

    const shape = [
      metadata.tableName,
      ...set.map(({ column }) => column.databaseName),
      '|',
      ...where.map(
        ({ column, values, list }) => `${column.databaseName}${list ? values.length : ''}`,
      ),
    ].join(' ');
    let sql = this.statements.get(shape);
    if (!sql) {
      sql = this.build(metadata.tableName, set, where);
      this.statements.set(shape, sql);
    }
    const persisted = (value: unknown, column: ColumnMetadata): unknown =>
      driver.preparePersistentValue(value, column) as unknown;
    const values = [
      ...set.map(({ column, value }) => persisted(value, column)),
      ...where.flatMap(({ column, values: listed }) =>
        listed.map((value) => persisted(value, column)),
      ),
    ];
    return { sql, values };
  }

  private build(table: string, set: { column: ColumnMetadata }[], where: Criterion[]): string {
    const parameter = parameterOf(this.dataSource);
    let next = 1;
    const assignments = set.map(
      ({ column }) => `${quote(column.databaseName)} = ${parameter(next++)}`,
    );
    const conditions = where.map(({ column, values, list }) => {
      const name = quote(column.databaseName);
      if (!list) return `${name} = ${parameter(next++)}`;
      const inList = `${name} IN ${parameterList(this.dataSource, values.length, next)}`;
      next += values.length;
      return inList;
    });
    return `UPDATE ${quote(table)} SET ${assignments.join(', ')} WHERE ${conditions.join(' AND ')}`;
  }
}

const updaterOf = perDataSource((dataSource) => new RowUpdater(dataSource));

/**
 * `UPDATE entity SET changes WHERE criteria`, as `manager.update` would write it, sent
 * with `sendWrite` (pipelined inside a PostgreSQL transaction).
 */
export function sendUpdate<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  criteria: ObjectLiteral,
  changes: QueryDeepPartialEntity<T>,
  expectation?: WriteExpectation,
): Promise<void> {
  const fixed = updaterOf(manager.connection).statement(entity, criteria, changes);
  if (fixed) return sendWrite(manager, fixed.sql, fixed.values, expectation);
  const [sql, values] = manager
    .createQueryBuilder()
    .update(entity)
    .set(changes)
    .where(criteria)
    .getQueryAndParameters();
  return sendWrite(manager, sql, values, expectation);
}
