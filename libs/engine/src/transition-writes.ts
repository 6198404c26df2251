import type { EntityManager } from 'typeorm';
import { type OutboxEntity, TaskEntity } from '@onevisit/persistence';
import { type ItemChanges, TransactionWrites } from './transaction-writes.js';
import { insertRows } from './typed-writes.js';

export type { ItemChanges } from './transaction-writes.js';

/**
 * What one transition writes besides the case row and its event, gathered while the
 * effects are worked out and written at the end in as few statements as the rows allow:
 * one INSERT for all new tasks. Item changes and outbox rows go to the transaction's
 * `TransactionWrites`, shared by all its transitions and written once after the last; a
 * transition given none has its own. Each statement is a round trip to the database, and
 * the event path is paid for in round trips.
 */
export class TransitionWrites {
  private readonly tasks: TaskEntity[] = [];
  private readonly ownsShared: boolean;
  readonly shared: TransactionWrites;

  constructor(shared?: TransactionWrites) {
    this.ownsShared = shared === undefined;
    this.shared = shared ?? new TransactionWrites();
  }

  addOutbox(row: OutboxEntity): void {
    this.shared.addOutbox(row);
  }

  addTask(row: TaskEntity): void {
    this.tasks.push(row);
    this.shared.taskOpened({ id: row.id, item: row.item, kind: row.kind });
  }

  changeItem(item: string, changes: ItemChanges): void {
    this.shared.changeItem(item, changes);
  }

  /** Changes to the item's row pending in this transaction (a new task copies its due date). */
  itemChanges(item: string): ItemChanges | undefined {
    return this.shared.itemChanges(item);
  }

  async flush(manager: EntityManager, caseId: string): Promise<void> {
    if (this.tasks.length > 0) await insertRows(manager, TaskEntity, this.tasks);
    if (this.ownsShared) await this.shared.flush(manager, caseId);
  }
}
