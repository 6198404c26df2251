import { createHash } from 'node:crypto';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';

/** A node-postgres query as a config object: `name` makes it a prepared statement. */
interface PgQuery {
  name?: string;
  text: string;
  values: readonly unknown[];
}

/** What node-postgres' `Client` and `Pool` both answer. */
interface PgQueryable {
  /** Without a name or values, node-postgres sends the simple protocol's one message. */
  query(query: PgQuery): Promise<{ rows: unknown[]; rowCount: number | null; command: string }>;
}

/** A pooled node-postgres client; `pipeline` when made with `pipeline: true`. */
export interface PgClient extends PgQueryable {
  pipeline?: boolean;
  connection?: { stream?: { cork?: () => void; uncork?: () => void } };
}

const MAX_NAMED_STATEMENTS = 1000;
const names = new Map<string, string>();

/**
 * The name a fixed SQL text is prepared under on each connection. The event path's
 * statements are a small fixed set of texts (a read per table, an INSERT per row count,
 * an UPDATE per set of columns), and a named statement is parsed and planned once per
 * connection instead of on every execution: 15–30 % of PostgreSQL's CPU for such short
 * statements, measured. A text first seen after a thousand others (an unusual row count,
 * say) runs unnamed: each connection keeps what it prepared, and that must not grow
 * without bound.
 */
export function statementName(sql: string): string | undefined {
  let name = names.get(sql);
  if (!name) {
    if (names.size >= MAX_NAMED_STATEMENTS) return undefined;
    name = `s_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}

/** The pipelining pg client under the manager's open transaction, if it has one. */
export function transactionClientOf(manager: EntityManager): PgClient | undefined {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) return undefined;
  // PostgresQueryRunner keeps the pooled pg client it holds for the transaction here.
  const client = (runner as { databaseConnection?: Partial<PgClient> }).databaseConnection;
  return client?.pipeline && typeof client.query === 'function' ? (client as PgClient) : undefined;
}

/** The pg pool of a PostgreSQL data source (TypeORM's driver keeps it as `master`). */
function poolOf(dataSource: DataSource): PgQueryable | undefined {
  if (dataSource.options.type !== 'postgres') return undefined;
  const pool = (dataSource.driver as { master?: Partial<PgQueryable> }).master;
  return typeof pool?.query === 'function' ? (pool as PgQueryable) : undefined;
}

/** Runs `sql` as a prepared statement on `target`, reporting failures as TypeORM does. */
export async function runPrepared(
  target: PgQueryable,
  sql: string,
  values: readonly unknown[],
): Promise<{ rows: unknown[]; rowCount: number | null; command: string }> {
  try {
    return await target.query({ name: statementName(sql), text: sql, values });
  } catch (error) {
    // Callers look for QueryFailedError (a unique violation, a lost connection) whichever
    // way the statement went out.
    throw new QueryFailedError(sql, [...values], error as Error);
  }
}

/**
 * The rows of a fixed SELECT (or `… RETURNING`), with the caller's manager: inside its
 * transaction when it has one, else on a pooled connection. On PostgreSQL the statement
 * is prepared once per connection (`statementName`); SQLite runs it through TypeORM.
 * Values are passed as they are: convert them as the columns need first. TypeORM's query
 * logging does not see these statements.
 */
export async function queryRows<R>(
  manager: EntityManager,
  sql: string,
  values: readonly unknown[],
): Promise<R[]> {
  const target =
    transactionClientOf(manager) ?? (manager.queryRunner ? undefined : poolOf(manager.connection));
  if (!target) return manager.query<R[]>(sql, [...values]);
  return (await runPrepared(target, sql, values)).rows as R[];
}
