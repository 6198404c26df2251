import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type DataSource,
  type EntityManager,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { pipelinedTransaction, pipelinesTransactions } from './pipelined-transaction.js';
import { perDataSource } from './per-data-source.js';
import { SqliteGroupCommit } from './sqlite-group-commit.js';

/**
 * On SQLite every caller shares one connection, so two `dataSource.transaction()` calls
 * in flight at once would interleave their statements ("cannot start a transaction within
 * a transaction", lost updates). Top-level transactions there run one at a time, in
 * order, those that queued meanwhile sharing one COMMIT (`SqliteGroupCommit`). PostgreSQL
 * hands each transaction its own pooled connection, so it runs them concurrently and
 * relies on row locks, versions and constraints instead.
 */
const groupCommitOf = perDataSource((dataSource) => new SqliteGroupCommit(dataSource));

/** The manager of the transaction the current async call chain is inside, if any. */
const current = new AsyncLocalStorage<{ dataSource: DataSource; manager: EntityManager }>();

/**
 * The connection under a transaction was lost while its work ran: the driver reported
 * the broken connection (PostgreSQL shut down, the backend terminated) and TypeORM
 * released it, so the work's next statement found it gone. A database outage, not a
 * fault of the work: nothing was committed.
 */
export class DatabaseConnectionLost extends Error {
  constructor(cause: unknown) {
    super('the database connection was lost during the transaction', { cause });
    this.name = 'DatabaseConnectionLost';
  }
}

/**
 * Inside the work of an open transaction only a lost connection releases its query
 * runner (the transaction itself releases it after the work ends).
 */
function lostConnectionOr(error: unknown): unknown {
  return error instanceof QueryRunnerAlreadyReleasedError ||
    error instanceof QueryRunnerProviderAlreadyReleasedError
    ? new DatabaseConnectionLost(error)
    : error;
}

/**
 * Runs `work` in a transaction. Every write path goes through here. A call made from
 * inside `work` joins the enclosing transaction instead of queueing behind itself.
 */
export function runInTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const outer = current.getStore();
  if (outer?.dataSource === dataSource) return work(outer.manager);

  const inScope = (manager: EntityManager) =>
    current.run({ dataSource, manager }, () => work(manager));
  const started =
    dataSource.options.type === 'better-sqlite3'
      ? groupCommitOf(dataSource).run(inScope)
      : pipelinesTransactions(dataSource)
        ? pipelinedTransaction(dataSource, inScope)
        : dataSource.transaction(inScope);
  return started.catch((error: unknown) => {
    throw lostConnectionOr(error);
  });
}

/**
 * The manager to read with: the enclosing transaction's when there is one. A read made
 * inside a transaction through the data source would take a second pooled connection
 * while holding the first; enough of those at once and the pool deadlocks.
 */
export function managerOf(dataSource: DataSource): EntityManager {
  const outer = current.getStore();
  return outer?.dataSource === dataSource ? outer.manager : dataSource.manager;
}

/**
 * Runs `work`, which must be ONE statement (atomic by itself). On PostgreSQL outside a
 * transaction it runs as its own implicit transaction: no BEGIN and COMMIT round trips.
 * On SQLite every caller shares one connection, so it still queues as a transaction,
 * lest it land inside someone else's.
 */
export function runStatement<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const outer = current.getStore();
  if (outer?.dataSource === dataSource) return work(outer.manager);
  if (dataSource.options.type === 'better-sqlite3') return runInTransaction(dataSource, work);
  return work(dataSource.manager);
}

/**
 * Runs `work` in a transaction, saying whether it joined the caller's (`joined`: then what
 * it wrote lasts only if that transaction commits). It never opens a second one from
 * inside a transaction: on SQLite there is one connection, and on PostgreSQL a second
 * pooled connection held by each of many transactions deadlocks the pool.
 */
export async function runOnItsOwn<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<{ value: T; joined: boolean }> {
  const outer = current.getStore();
  if (outer?.dataSource === dataSource) return { value: await work(outer.manager), joined: true };
  return { value: await runInTransaction(dataSource, work), joined: false };
}

/** Injectable face of `runInTransaction`, bound to the application's data source. */
export class TransactionRunner {
  constructor(readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return runInTransaction(this.dataSource, work);
  }

  /** One statement: see `runStatement`. */
  runStatement<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return runStatement(this.dataSource, work);
  }

  runOnItsOwn<T>(
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<{ value: T; joined: boolean }> {
    return runOnItsOwn(this.dataSource, work);
  }
}
