import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';

/**
 * TypeORM's partial-entity type cannot express JSON columns typed as `Record<string, unknown>`;
 * these wrappers take whole, correctly typed rows and do the one cast in one place.
 */
export function insertRow<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: T,
): Promise<unknown> {
  return manager.insert(target, row);
}

/** Several whole rows in one INSERT statement. */
export function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Promise<unknown> {
  return manager.insert(target, rows);
}

export function changesOf<T extends ObjectLiteral>(changes: Partial<T>): QueryDeepPartialEntity<T> {
  return changes;
}
