import { type EntityManager, In } from 'typeorm';
import { type OutboxEntity, TaskEntity } from '@onevisit/persistence';
import {
  insertOutboxRows,
  type LicenceIssueItem,
  outboxRowOf,
  type SupervisionMilestone,
} from '@onevisit/queues';
import type { TransitionRecord } from './case-effects.writer.js';

/** A task as the transitions of one transaction see it: open or claimed until they close it. */
export type OpenTask = Pick<TaskEntity, 'id' | 'item' | 'kind'>;

/**
 * What the transitions of one case transaction share and write together at its end (a
 * worker's decision may apply several events at once: one LICENCE_ISSUED per item).
 *
 * - Outbox rows, in one INSERT. The licences and the supervision milestones of all the
 *   transitions are gathered into one job each: items approved together are issued and
 *   recorded in one case transaction, and their milestones reach the platform as one
 *   message. A job is a queue round trip, an outbox row and, for licences, a locked case
 *   transaction: four items decided at once cost one of each.
 * - The case's open tasks, read once for all the transitions instead of once each.
 */
export class TransactionWrites {
  private readonly outbox: OutboxEntity[] = [];
  private readonly licenceItems: LicenceIssueItem[] = [];
  private readonly milestones: (SupervisionMilestone & { caseVersion: number })[] = [];
  private last?: TransitionRecord;
  private openTasks?: OpenTask[];

  addOutbox(row: OutboxEntity): void {
    this.outbox.push(row);
  }

  /** The licences and milestones `record`'s effects ask for, to go out as one job each. */
  gather(record: TransitionRecord): void {
    this.last = record;
    for (const effect of record.effects) {
      if (effect.kind === 'issue-licence') {
        const { item, department, licenceTypes, onPledge } = effect;
        this.licenceItems.push({ item, department, licenceTypes, onPledge });
      } else if (effect.kind === 'supervision') {
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
    this.openTasks ??= await manager.find(TaskEntity, {
      where: { caseId, status: In(['open', 'claimed']) },
      select: { id: true, item: true, kind: true },
    });
    return this.openTasks;
  }

  taskOpened(task: OpenTask): void {
    this.openTasks?.push(task);
  }

  taskClosed(id: string): void {
    if (this.openTasks) this.openTasks = this.openTasks.filter((task) => task.id !== id);
  }

  async flush(manager: EntityManager): Promise<void> {
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
