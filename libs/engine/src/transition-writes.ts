import { type EntityManager, In } from 'typeorm';
import { CaseItemEntity, type OutboxEntity, TaskEntity } from '@onevisit/persistence';
import { TransactionWrites } from './transaction-writes.js';
import { changesOf, insertRows } from './typed-writes.js';

/** Columns of a case_item row a transition may change. */
export type ItemChanges = Partial<
  Pick<
    CaseItemEntity,
    'status' | 'reason' | 'startedAt' | 'endedAt' | 'clock' | 'daysUsed' | 'dueDate' | 'dueFlag'
  >
>;

/**
 * What one transition writes besides the case row and its event, gathered while the
 * effects are worked out and written at the end in as few statements as the rows allow:
 * one INSERT for all new tasks, one UPDATE per changed item (its status and its clock
 * together). Outbox rows go to the transaction's `TransactionWrites`, shared by all its
 * transitions and written once after the last; a transition given none has its own.
 * Each statement is a round trip to the database, and the event path is paid for in
 * round trips.
 */
export class TransitionWrites {
  private readonly tasks: TaskEntity[] = [];
  private readonly items = new Map<string, ItemChanges>();
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
    this.items.set(item, { ...this.items.get(item), ...changes });
  }

  /** Changes to the item's row pending in this transition (a new task copies its due date). */
  itemChanges(item: string): ItemChanges | undefined {
    return this.items.get(item);
  }

  async flush(manager: EntityManager, caseId: string): Promise<void> {
    // Items changed alike (several approved at once, say) share one UPDATE.
    const alike = new Map<string, { changes: ItemChanges; items: string[] }>();
    for (const [item, changes] of this.items) {
      const key = JSON.stringify(changes);
      const group = alike.get(key) ?? { changes, items: [] };
      group.items.push(item);
      alike.set(key, group);
    }
    for (const { changes, items } of alike.values()) {
      await manager.update(
        CaseItemEntity,
        { caseId, item: items.length === 1 ? items[0] : In(items) },
        changesOf<CaseItemEntity>(changes),
      );
    }
    if (this.tasks.length > 0) await insertRows(manager, TaskEntity, this.tasks);
    if (this.ownsShared) await this.shared.flush(manager);
  }
}
