import type { EntityManager } from 'typeorm';
import { CaseClockEntity, fixedSelect, sendTogether, TaskEntity } from '@onevisit/persistence';

/*
 * The reads a case transaction makes of its case's other rows, as fixed SQL (prepared
 * once per connection on PostgreSQL) instead of TypeORM's `find`, which builds the query
 * on every call: each runs once or twice in every case transaction.
 */

/** A task as the transitions of one transaction see it: open or claimed until they close it. */
export type OpenTask = Pick<TaskEntity, 'id' | 'item' | 'kind'>;

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

/** A case's tasks and clocks as they were when its row was locked, read with the lock. */
export interface CaseRowsAhead {
  openTasks: Promise<OpenTask[]>;
  clocks: Promise<CaseClockEntity[]>;
}

/**
 * Locks the case row and reads its open tasks and clocks in the same round trip: on
 * PostgreSQL the three statements go out in one socket write, the reads after the lock,
 * so they run once it is granted and see what the writer before committed. Most
 * transactions of a running case need one or both (an item that moves closes its task
 * and its clock), and each read awaited on its own would cost a round trip; one that
 * needs neither pays two index scans. A read nobody uses never rejects unhandled.
 * `alsoRead`, when given, starts the caller's own reads in the same socket write.
 */
export function lockWithRowsAhead<R>(
  manager: EntityManager,
  caseId: string,
  lock: () => Promise<R>,
  alsoRead?: (manager: EntityManager) => void,
): { locked: Promise<R>; ahead: CaseRowsAhead } {
  sendTogether(manager);
  const locked = lock();
  const ahead = { openTasks: openTasksOf(manager, caseId), clocks: caseClocksOf(manager, caseId) };
  ahead.openTasks.catch(() => undefined);
  ahead.clocks.catch(() => undefined);
  alsoRead?.(manager);
  return { locked, ahead };
}
