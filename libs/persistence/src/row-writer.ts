import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { sendWrite } from './pipelined-writes.js';
import { parameterOf, quote } from './row-reader.js';

/**
 * Plain INSERTs of whole rows for the event path's hot tables: the SQL text is built once
 * per row count and every value converted by the driver's own rules for its column
 * (dates, simple-json), so the rows are exactly what `manager.insert` writes — without
 * TypeORM's query building, subscribers and returning logic on every event, which cost
 * more CPU than the statements themselves.
 */
export class RowWriter<T extends ObjectLiteral> {
  private readonly columns: { property: string; column: ColumnMetadata }[];
  private readonly head: string;
  private readonly statements = new Map<number, string>();

  constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<T>,
  ) {
    const metadata = dataSource.getMetadata(entity);
    this.columns = metadata.columns.map((column) => ({ property: column.propertyName, column }));
    const names = metadata.columns.map((column) => quote(column.databaseName)).join(', ');
    this.head = `INSERT INTO ${quote(metadata.tableName)} (${names}) VALUES `;
  }

  /**
   * Inserts `rows` in one statement, with the caller's manager (its transaction). Inside a
   * PostgreSQL transaction the statement is pipelined: a failure (a duplicate key, say)
   * surfaces when the transaction settles its writes, before COMMIT, not here.
   */
  async insert(
    manager: EntityManager,
    rows: readonly T[],
    options: { ignoreDuplicates?: boolean } = {},
  ): Promise<void> {
    if (rows.length === 0) return;
    const driver = this.dataSource.driver;
    const parameters: unknown[] = [];
    for (const row of rows) {
      for (const { property, column } of this.columns) {
        parameters.push(driver.preparePersistentValue(row[property], column));
      }
    }
    const sql = this.statementFor(rows.length);
    // A row whose key is taken already is left as it is (a retried job records once).
    await sendWrite(
      manager,
      options.ignoreDuplicates ? `${sql} ON CONFLICT DO NOTHING` : sql,
      parameters,
    );
  }

  private statementFor(count: number): string {
    const known = this.statements.get(count);
    if (known) return known;
    const parameter = parameterOf(this.dataSource);
    let index = 1;
    const tuples = Array.from(
      { length: count },
      () => `(${this.columns.map(() => parameter(index++)).join(', ')})`,
    );
    const sql = this.head + tuples.join(', ');
    this.statements.set(count, sql);
    return sql;
  }
}

const writers = new WeakMap<
  DataSource,
  Map<EntityTarget<ObjectLiteral>, RowWriter<ObjectLiteral>>
>();

/** The writer of `entity` on the manager's data source, made once. */
export function rowWriterOf<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
): RowWriter<T> {
  const dataSource = manager.connection;
  let byEntity = writers.get(dataSource);
  if (!byEntity) {
    byEntity = new Map();
    writers.set(dataSource, byEntity);
  }
  let writer = byEntity.get(entity);
  if (!writer) {
    writer = new RowWriter(dataSource, entity);
    byEntity.set(entity, writer);
  }
  return writer;
}
