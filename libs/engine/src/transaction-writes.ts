import { type EntityManager, In } from 'typeorm';
import {
  type CaseClockEntity,
  CaseItemEntity,
  type OutboxEntity,
  sendUpdate,
  TaskEntity,
} from '@onevisit/persistence';
import {
  insertOutboxRows,
  type LicenceIssueItem,
  outboxRowOf,
  type SupervisionMilestone,
} from '@onevisit/queues';
import type { TransitionRecord } from './case-effects.writer.js';
import { licenceRequestsOf } from './licence-requests.js';
import {
  caseClocksOf,
  type CaseRowsAhead,
  type OpenTask,
  openTasksOf,
} from './transaction-reads.js';
import { changesOf, insertRows } from './typed-writes.js';

/** Columns of a case_item row a transition may change. */
export type ItemChanges = Partial<
  Pick<
    CaseItemEntity,
    'status' | 'reason' | 'startedAt' | 'endedAt' | 'clock' | 'daysUsed' | 'dueDate' | 'dueFlag'
  >
>;

/**
 * What the transitions of one case transaction write besides the case row and its events,
 * gathered while their effects are worked out and written in as few statements as the
 * rows allow (a worker's decision may apply several events at once: one LICENCE_ISSUED
 * per item). Each statement is a round trip to the database, and the event path is paid
 * for in round trips.
 *
 * - New tasks, in one INSERT at the end of each transition (`insertNewTasks`): a later
 *   transition of the same transaction may close them.
 * - Item changes, one UPDATE per item or per set of items changed alike (four items
 *   approved by four transitions share one), each item's changes merged in order.
 * - Outbox rows, in one INSERT. The licences and the supervision milestones of all the
 *   transitions are gathered into one job each: items approved together are issued and
 *   recorded in one case transaction, and their milestones reach the platform as one
 *   message. A job is a queue round trip, an outbox row and, for licences, a locked case
 *   transaction: four items decided at once cost one of each.
 * - The case's open tasks, read once for all the transitions instead of once each.
 * - Given the rows read with the case's lock (`lockWithRowsAhead`), the open tasks and the
 *   first read of the clocks come from there instead of a round trip of their own.
 */
export class TransactionWrites {
  private readonly outbox: OutboxEntity[] = [];
  private newTasks: TaskEntity[] = [];
  private readonly items = new Map<string, ItemChanges>();
  private readonly licenceItems: LicenceIssueItem[] = [];
  private readonly milestones: (SupervisionMilestone & { caseVersion: number })[] = [];
  private last?: TransitionRecord;
  private openTasks?: OpenTask[];
  /** Closed in this transaction before the open tasks were looked at. */
  private readonly closedTasks = new Set<string>();

  private aheadTasks?: Promise<OpenTask[]>;
  private aheadClocks?: Promise<CaseClockEntity[]>;

  constructor(ahead?: CaseRowsAhead) {
    this.aheadTasks = ahead?.openTasks;
    this.aheadClocks = ahead?.clocks;
  }

  addOutbox(row: OutboxEntity): void {
    this.outbox.push(row);
  }

  addTask(row: TaskEntity): void {
    this.newTasks.push(row);
    this.taskOpened({ id: row.id, item: row.item, kind: row.kind });
  }

  /** Writes the tasks the current transition opened. */
  async insertNewTasks(manager: EntityManager): Promise<void> {
    if (this.newTasks.length === 0) return;
    await insertRows(manager, TaskEntity, this.newTasks);
    this.newTasks = [];
  }

  changeItem(item: string, changes: ItemChanges): void {
    this.items.set(item, { ...this.items.get(item), ...changes });
  }

  /** Changes to the item's row pending in this transaction (a new task copies its due date). */
  itemChanges(item: string): ItemChanges | undefined {
    return this.items.get(item);
  }

  /**
   * The licences and milestones `record`'s effects ask for, to go out as one job each. A
   * licence recorded (LICENCE_ISSUED) later in the same transaction, by a worker that
   * issued it there, needs no job: its request is dropped.
   */
  gather(record: TransitionRecord): void {
    this.last = record;
    const recorded = record.event?.type === 'LICENCE_ISSUED' ? record.event.item : undefined;
    if (recorded !== undefined) {
      const pending = this.licenceItems.findIndex((request) => request.item === recorded);
      if (pending >= 0) this.licenceItems.splice(pending, 1);
    }
    this.licenceItems.push(...licenceRequestsOf(record.effects));
    for (const effect of record.effects) {
      if (effect.kind === 'supervision') {
        this.milestones.push({
          topic: effect.topic,
          ...(effect.item ? { item: effect.item } : {}),
          caseVersion: record.version,
          // The milestone as its transition made it, not as the case is when the job runs.
          facts: {
            bundleCode: record.definition.code,
            bundleVersion: record.definition.version,
            caseStatus: record.status,
            itemStatus: effect.item ? (record.after.items[effect.item]?.status ?? null) : null,
          },
        });
      }
    }
  }

  /** The case's open and claimed tasks, read on first use; later changes keep it current. */
  async openTasksOf(manager: EntityManager, caseId: string): Promise<OpenTask[]> {
    if (!this.openTasks) {
      const read = await (this.aheadTasks ?? openTasksOf(manager, caseId));
      // The rows ahead were read before this transaction closed any task.
      this.openTasks = read.filter((task) => !this.closedTasks.has(task.id));
    }
    return this.openTasks;
  }

  /**
   * The case's clocks as stored now. The first call takes them from the rows read with
   * the lock: only the clock writer writes clocks, and it reads them first. Later calls
   * (a second transition of the transaction) read them again, after its writes.
   */
  async storedClocksOf(manager: EntityManager, caseId: string): Promise<CaseClockEntity[]> {
    const ahead = this.aheadClocks;
    this.aheadClocks = undefined;
    return ahead ?? caseClocksOf(manager, caseId);
  }

  private taskOpened(task: OpenTask): void {
    this.openTasks?.push(task);
  }

  taskClosed(id: string): void {
    this.closedTasks.add(id);
    if (this.openTasks) this.openTasks = this.openTasks.filter((task) => task.id !== id);
  }

  /** Writes everything still pending; call it once, after the transaction's last transition. */
  async flush(manager: EntityManager, caseId: string): Promise<void> {
    await this.insertNewTasks(manager);
    await this.flushItems(manager, caseId);
    await this.flushOutbox(manager);
  }

  private async flushItems(manager: EntityManager, caseId: string): Promise<void> {
    // Items changed alike (several approved at once, say) share one UPDATE.
    const alike = new Map<string, { changes: ItemChanges; items: string[] }>();
    for (const [item, changes] of this.items) {
      const key = JSON.stringify(changes);
      const group = alike.get(key) ?? { changes, items: [] };
      group.items.push(item);
      alike.set(key, group);
    }
    for (const { changes, items } of alike.values()) {
      await sendUpdate(
        manager,
        CaseItemEntity,
        { caseId, item: items.length === 1 ? items[0] : In(items) },
        changesOf<CaseItemEntity>(changes),
      );
    }
  }

  private async flushOutbox(manager: EntityManager): Promise<void> {
    const last = this.last;
    if (last) {
      // Jobs carry the version of the last transition: the case as the transaction leaves it.
      const ref = { caseId: last.caseId, caseVersion: last.version };
      if (this.licenceItems.length > 0) {
        const bundle = { code: last.definition.code, version: last.definition.version };
        this.outbox.push(
          outboxRowOf({
            name: 'licence.issue',
            data: { ...ref, items: this.licenceItems, bundle },
          }),
        );
      }
      if (this.milestones.length > 0) {
        const milestones = this.milestones.map(({ caseVersion, ...milestone }) =>
          caseVersion === last.version ? milestone : { ...milestone, caseVersion },
        );
        this.outbox.push(
          outboxRowOf({ name: 'supervision.case-event', data: { ...ref, milestones } }),
        );
      }
    }
    await insertOutboxRows(manager, this.outbox);
  }
}
