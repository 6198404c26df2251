import type { EntityManager } from 'typeorm';
import { CaseClockEntity, fixedSelect, TaskEntity } from '@onevisit/persistence';
import type { OpenTask } from './transaction-writes.js';

/*
 * The reads a case transaction makes of its case's other rows, as fixed SQL (prepared
 * once per connection on PostgreSQL) instead of TypeORM's `find`, which builds the query
 * on every call: each runs once or twice in every case transaction.
 */

const openTasks = fixedSelect(
  TaskEntity,
  (p) => `WHERE "case_id" = ${p(1)} AND "status" IN ('open', 'claimed')`,
  ['id', 'item', 'kind'],
);
const caseClocks = fixedSelect(CaseClockEntity, (p) => `WHERE "case_id" = ${p(1)}`);

/** The case's open and claimed tasks, read with the transaction's `manager`. */
export function openTasksOf(manager: EntityManager, caseId: string): Promise<OpenTask[]> {
  return openTasks(manager, [caseId]);
}

/** Every clock of the case, read with the transaction's `manager`. */
export function caseClocksOf(manager: EntityManager, caseId: string): Promise<CaseClockEntity[]> {
  return caseClocks(manager, [caseId]);
}
