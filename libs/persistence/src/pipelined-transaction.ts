import type { DataSource, EntityManager } from 'typeorm';
import { beginPipelined, endPipelined } from './pipelined-writes.js';
import type { PgClient } from './prepared-statements.js';
import { rollBackQuietly } from './transaction-state.js';

/** True when the data source's PostgreSQL clients are made with `pipeline: true`. */
export function pipelinesTransactions(dataSource: DataSource): boolean {
  if (dataSource.options.type !== 'postgres') return false;
  return (dataSource.options.extra as { pipeline?: unknown } | undefined)?.pipeline === true;
}

/**
 * A PostgreSQL transaction whose BEGIN and COMMIT cost no round trip of their own.
 *
 * TypeORM's `transaction()` waits for BEGIN before the work's first statement and, after
 * the work, for COMMIT: two of the five or six round trips of a case transaction, each a
 * socket write and a wake-up on both sides. On a pipelining client (see
 * `pipelined-writes.ts`) BEGIN goes out in one write with the work's first statement,
 * and COMMIT in one write with its last writes; all their answers are checked once.
 *
 * Outcomes are TypeORM's: the value when everything committed; otherwise nothing is
 * committed and the error is the first failed write's (the cause) or else the work's.
 * A write that failed makes PostgreSQL answer the COMMIT sent after it with ROLLBACK,
 * so nothing that followed a failure can commit.
 */
export async function pipelinedTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  // True from BEGIN until COMMIT is sent: a ROLLBACK is then owed to end the transaction.
  let open = false;
  try {
    const client = (await runner.connect()) as PgClient;
    const pipeline = beginPipelined(runner, client);
    open = true;
    let value: T;
    try {
      value = await work(runner.manager);
    } catch (error) {
      // A write's failure takes the place of the work's own error, most likely PostgreSQL
      // refusing what came after it ("current transaction is aborted").
      await pipeline.settle();
      throw error;
    }
    pipeline.sendControl('COMMIT');
    open = false;
    await pipeline.settle();
    return value;
  } catch (error) {
    if (open) await rollBackQuietly(runner);
    throw error;
  } finally {
    endPipelined(runner);
    await runner.release();
  }
}
