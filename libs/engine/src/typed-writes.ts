import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { rowWriterOf } from '@onevisit/persistence';

/**
 * Whole, correctly typed rows written by `RowWriter` (one plain INSERT, values converted
 * by the driver per column); `changesOf` does TypeORM's partial-entity cast, which cannot
 * express JSON columns typed as `Record<string, unknown>`, in one place.
 */
export function insertRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: T,
): Promise<unknown> {
  return rowWriterOf(manager, target).insert(manager, [row]);
}

/** Several whole rows in one INSERT statement. */
export function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Promise<unknown> {
  return rowWriterOf(manager, target).insert(manager, rows);
}

export function changesOf<T extends ObjectLiteral>(changes: Partial<T>): QueryDeepPartialEntity<T> {
  return changes;
}
