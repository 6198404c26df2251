import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { perDataSource } from './per-data-source.js';
import { queryRows } from './prepared-statements.js';
import { managerOf } from './run-in-transaction.js';

type ColumnOf<T> = Extract<keyof T, string>;
type Column = Parameters<DataSource['driver']['prepareHydratedValue']>[1];

/**
 * A fixed SELECT over one entity's table for the hot reads: the SQL text is built once,
 * run as a plain query, and each row is hydrated column by column with the driver's own
 * conversion (dates, simple-json), so values are exactly what `find` gives — without
 * TypeORM's query building, alias mapping and entity transformer on every request,
 * which cost more CPU than the (indexed) queries themselves.
 *
 * Tables are named without schema: a PostgreSQL schema is on the connection's
 * search_path (see `dataSourceOptions`).
 */
export class RowReader<T extends ObjectLiteral, K extends ColumnOf<T> = ColumnOf<T>> {
  /** `"table"`, quoted. */
  readonly table: string;
  /** The selected columns, quoted, for a SELECT list. */
  readonly columns: string;
  private readonly hydration: { property: K; name: string; column: Column }[];

  constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<T>,
    /** Properties to read, in the order the row object should have them; all when omitted. */
    properties?: readonly K[],
  ) {
    const metadata = dataSource.getMetadata(entity);
    const byProperty = new Map(metadata.columns.map((column) => [column.propertyName, column]));
    const wanted = properties ?? (metadata.columns.map((column) => column.propertyName) as K[]);
    this.hydration = wanted.map((property) => {
      const column = byProperty.get(property);
      if (!column) throw new Error(`${metadata.name} has no column ${property}`);
      return { property, name: column.databaseName, column };
    });
    this.table = quote(metadata.tableName);
    this.columns = this.hydration.map(({ name }) => quote(name)).join(', ');
  }

  /**
   * Runs `sql` (which selects `this.columns`) and hydrates its rows; with `manager`, or
   * else with the enclosing transaction's (`managerOf`).
   */
  async rows(
    sql: string,
    parameters: unknown[],
    manager: EntityManager = managerOf(this.dataSource),
  ): Promise<Pick<T, K>[]> {
    const raw = await queryRows<Record<string, unknown>>(manager, sql, parameters);
    return raw.map((row) => this.hydrate(row));
  }

  hydrate(raw: Record<string, unknown>): Pick<T, K> {
    const driver = this.dataSource.driver;
    const row: Record<string, unknown> = {};
    for (const { property, name, column } of this.hydration) {
      row[property] = driver.prepareHydratedValue(raw[name], column);
    }
    return row as Pick<T, K>;
  }
}

/**
 * A fixed SELECT of one entity's rows, built once per data source and run with the
 * caller's manager (its transaction, when it has one): `tail(p)` is what follows the
 * table — WHERE, ORDER BY, LIMIT — with `p(n)` for the n-th parameter. For a hot read of
 * one statement; readers of several statements build on `RowReader` themselves.
 */
export function fixedSelect<T extends ObjectLiteral, K extends ColumnOf<T> = ColumnOf<T>>(
  entity: EntityTarget<T>,
  tail: (p: (index: number) => string) => string,
  properties?: readonly K[],
): (manager: EntityManager, values: unknown[]) => Promise<Pick<T, K>[]> {
  const statementOf = perDataSource((dataSource) => {
    const reader = new RowReader<T, K>(dataSource, entity, properties);
    const sql = `SELECT ${reader.columns} FROM ${reader.table} ${tail(parameterOf(dataSource))}`;
    return { reader, sql };
  });
  return (manager, values) => {
    const { reader, sql } = statementOf(manager.connection);
    return reader.rows(sql, values, manager);
  };
}

/** The n-th (1-based) bound parameter in this database's SQL dialect (`$n` or `?`). */
export function parameterOf(dataSource: DataSource): (index: number) => string {
  return (index) => dataSource.driver.createParameter('p', index - 1);
}

/** `($1, $2, …)` (or `(?, ?, …)`) for `count` parameters starting at `first`. */
export function parameterList(dataSource: DataSource, count: number, first = 1): string {
  const parameter = parameterOf(dataSource);
  return `(${Array.from({ length: count }, (_, index) => parameter(first + index)).join(', ')})`;
}

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/**
 * PostgreSQL: a scalar subquery giving the reader's rows that match `where`, in `order`,
 * as a JSON array (`[]` when none), for one statement to return several tables. Columns
 * keep their database names and come back as JSON values; `RowReader.hydrate` turns them
 * into what `find` gives (a timestamp's JSON text parses to the same Date as pg's).
 */
export function jsonRowsOf<T extends ObjectLiteral, K extends ColumnOf<T>>(
  reader: RowReader<T, K>,
  where: string,
  order: string,
): string {
  return `(SELECT coalesce(json_agg(r ORDER BY ${order}), '[]'::json)
             FROM (SELECT ${reader.columns} FROM ${reader.table} WHERE ${where}) r)`;
}
