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
