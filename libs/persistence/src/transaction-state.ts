import type { QueryRunner } from 'typeorm';

/**
 * What TypeORM's `startTransaction` / `commitTransaction` record on a query runner. At a
 * depth of 1, a nested `transaction()` on this runner takes a SAVEPOINT instead of a
 * second BEGIN and an early COMMIT.
 */
export function setTransactionOpen(runner: QueryRunner, open: boolean): void {
  // Read-only in the QueryRunner interface, plain fields of TypeORM's BaseQueryRunner.
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = open;
  state.transactionDepth = open ? 1 : 0;
}

/**
 * Ends a failed transaction whose runner this code opened by hand (pipelined on
 * PostgreSQL, a group on SQLite). A connection that is gone, or a transaction SQLite has
 * rolled back itself, has ended it already, so a failure here changes nothing the caller
 * must know: the error that made the rollback necessary is the one reported.
 */
export async function rollBackQuietly(runner: QueryRunner): Promise<void> {
  try {
    await runner.query('ROLLBACK');
  } catch {
    // Nothing left to roll back.
  }
}
