import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  type CaseContext,
  type CaseEffect,
  type CaseEvent,
  type ItemProgress,
  TERMINAL_ITEM_STATUSES,
} from '@onevisit/definitions';
import {
  CaseItemEntity,
  CaseMaterialEntity,
  type CaseStatus,
  sendUpdate,
  TaskEntity,
} from '@onevisit/persistence';
import { outboxRowOf } from '@onevisit/queues';
import type { PinnedDefinition } from './case-definitions.js';
import { applyClockEffects, deadlineSettings } from './clocks/clock.writer.js';
import { notificationMessageOf } from './notification-message.js';
import { type ItemChanges, TransactionWrites } from './transaction-writes.js';
import { insertRow, insertRows } from './typed-writes.js';
import type { WorkingTime } from './working-time.js';

/** Department of supervisors, who follow up a dissatisfied rating (差评整改). */
export const SUPERVISION_DEPARTMENT = 'supervision';

/** One committed transition, as the read models and the outbox need it. */
export interface TransitionRecord {
  caseId: string;
  /** Case version after the transition: every job carries it (idempotency). */
  version: number;
  status: CaseStatus;
  /** The case's status before the transition (null for the first). */
  statusBefore: CaseStatus | null;
  event: CaseEvent | null;
  before: CaseContext | null;
  after: CaseContext;
  effects: CaseEffect[];
  definition: PinnedDefinition;
  now: Date;
  /** The task whose completion sent the event: closed by the caller, not here. */
  completingTask?: string;
  /** A rating given anonymously opens no follow-up task (it cannot be followed up). */
  anonymousRating?: boolean;
  /**
   * The case's answers as stored after the transaction (personal ones encrypted): texts
   * carry the phone from here. Absent: texts look the case up when they run.
   */
  storedAnswers?: Record<string, unknown>;
}

/**
 * Writes what a transition implies besides the case row, inside the caller's transaction:
 * read models (case_item, task) and the outbox rows of its jobs. Rows are gathered in
 * `writes` (see `TransactionWrites`): given one, the caller flushes it after its last
 * transition; given none, this transition's writes are flushed here.
 */
export async function writeTransitionEffects(
  manager: EntityManager,
  record: TransitionRecord,
  time: WorkingTime,
  shared?: TransactionWrites,
): Promise<void> {
  const writes = shared ?? new TransactionWrites();
  await syncCaseItems(manager, record, writes);
  // Clocks before tasks: a new task copies its item's due date and flag.
  await applyClockEffects(manager, record, time, writes);
  await closeFinishedTasks(manager, record, writes);
  const revokedItems = new Set(
    record.effects.flatMap((effect) => (effect.kind === 'revoke-licence' ? [effect.item] : [])),
  );
  for (const effect of record.effects) {
    await writeEffect(manager, record, effect, time, revokedItems, writes);
  }
  writes.gather(record);
  if (record.event?.type === 'LICENCE_ISSUED') await recordCaseLicences(manager, record);
  if (shared) await writes.insertNewTasks(manager);
  else await writes.flush(manager, record.caseId);
}

async function writeEffect(
  manager: EntityManager,
  record: TransitionRecord,
  effect: CaseEffect,
  time: WorkingTime,
  revokedItems: Set<string>,
  writes: TransactionWrites,
): Promise<void> {
  const ref = { caseId: record.caseId, caseVersion: record.version };
  const addToOutbox = (...args: Parameters<typeof outboxRowOf>) =>
    writes.addOutbox(outboxRowOf(...args));
  switch (effect.kind) {
    case 'task':
      await insertTask(manager, record, effect, time, writes);
      return;
    case 'issue-licence':
    case 'supervision':
      // Gathered into one job per transaction (see TransactionWrites).
      return;
    case 'revoke-licence':
      addToOutbox({
        name: 'licence.revoke',
        data: {
          ...ref,
          item: effect.item,
          department: effect.department,
          licenceTypes: effect.licenceTypes,
        },
      });
      return;
    case 'revoke-approval':
      // An item with licences has its revoke-licence job; an approval without any still gets one.
      if (revokedItems.has(effect.item)) return;
      addToOutbox({
        name: 'licence.revoke',
        data: { ...ref, item: effect.item, department: effect.department, licenceTypes: [] },
      });
      return;
    case 'timer':
      addToOutbox(
        {
          name: 'timer.fire',
          data: {
            ...ref,
            timer: effect.timer,
            ...(effect.item === undefined ? {} : { item: effect.item }),
            ...(effect.sends === undefined ? {} : { sends: effect.sends }),
          },
        },
        { runAt: time.timerRunAt(record.now, effect.workingDays) },
      );
      return;
    case 'notify': {
      const message = notificationMessageOf(record, effect.item);
      addToOutbox({
        name: 'notification.send',
        data: {
          ...ref,
          template: effect.template,
          ...(effect.item ? { item: effect.item } : {}),
          ...(message ? { message } : {}),
        },
      });
      return;
    }
    case 'clock':
      // Clocks are applied to case_item in syncCaseItems.
      return;
  }
}

async function insertTask(
  manager: EntityManager,
  record: TransitionRecord,
  effect: Extract<CaseEffect, { kind: 'task' }>,
  time: WorkingTime,
  writes: TransactionWrites,
): Promise<void> {
  let department = effect.department;
  if (effect.task === 'rating-follow-up') {
    if (record.anonymousRating) return;
    department = SUPERVISION_DEPARTMENT;
  }
  let dueDate: string | null = null;
  let dueFlag: TaskEntity['dueFlag'] = null;
  const id = randomUUID();
  if (effect.task === 'rating-follow-up') {
    // 差评整改: the rectification has its own deadline in working days, and a warning when
    // it is still open then.
    const days = deadlineSettings().rectificationDays;
    dueDate = time.dueDate(record.now, days);
    writes.addOutbox(
      outboxRowOf(
        { name: 'deadline.follow-up', data: { subject: 'rectification', id, dueDate } },
        { runAt: time.timerRunAt(record.now, days) },
      ),
    );
  } else if (effect.procedure) {
    dueDate = time.dueDate(record.now, effect.procedure.maxDays);
  } else if (effect.task === 'post-check') {
    const timer = record.effects.find(
      (other) =>
        other.kind === 'timer' && other.timer === 'post-check-due' && other.item === effect.item,
    );
    if (timer?.kind === 'timer') dueDate = time.dueDate(record.now, timer.workingDays);
  } else if (effect.item) {
    // The item's clock as this transition leaves it: pending in `writes` when it changed.
    const pending = writes.itemChanges(effect.item);
    const row =
      pending && 'dueDate' in pending
        ? pending
        : await manager.findOneBy(CaseItemEntity, { caseId: record.caseId, item: effect.item });
    dueDate = row?.dueDate ?? null;
    dueFlag = row?.dueFlag ?? null;
  }
  writes.addTask({
    id,
    caseId: record.caseId,
    item: effect.item ?? null,
    department,
    kind: effect.task,
    status: 'open',
    claimedBy: null,
    dueDate,
    createdAt: record.now,
    completedAt: null,
    madeAtVersion: record.version,
    dueFlag,
  });
}

const ENDED_WITHOUT_RESULT = new Set(['cancelled', 'not-applicable', 'not-completed']);

function progressChanged(before: ItemProgress | undefined, after: ItemProgress | undefined) {
  return before?.status !== after?.status || before?.procedure !== after?.procedure;
}

/** Tasks for a step the case has left: done when it moved on, cancelled when it ended without result. */
async function closeFinishedTasks(
  manager: EntityManager,
  record: TransitionRecord,
  writes: TransactionWrites,
) {
  if (!record.before) return;
  // Nothing to close unless an item's step changed or the case left intake: no read then.
  const before = record.before;
  const itemMoved = Object.keys(record.definition.departments).some((item) =>
    progressChanged(before.items[item], record.after.items[item]),
  );
  if (!itemMoved && !(record.statusBefore === 'intake' && record.status !== 'intake')) return;
  const open = await writes.openTasksOf(manager, record.caseId);
  for (const task of open) {
    if (task.id === record.completingTask) continue;
    let status: 'done' | 'cancelled' | null = null;
    if (task.item !== null) {
      const after = record.after.items[task.item];
      if (progressChanged(record.before.items[task.item], after)) {
        status = after && ENDED_WITHOUT_RESULT.has(after.status) ? 'cancelled' : 'done';
      }
    } else if (task.kind === 'intake' && record.status !== 'intake') {
      status = record.status === 'withdrawn' ? 'cancelled' : 'done';
    }
    if (status) {
      await sendUpdate(manager, TaskEntity, { id: task.id }, { status, completedAt: record.now });
      writes.taskClosed(task.id);
    }
  }
}

/**
 * Per-item status, reason, start and end, from the context (the clocks writer keeps due
 * dates). The first transition inserts every item's row; later ones change the rows whose
 * progress the transition changed, worked out from the contexts before and after, so no
 * read is needed. An item's end is the first time it reaches a terminal status.
 */
async function syncCaseItems(
  manager: EntityManager,
  record: TransitionRecord,
  writes: TransactionWrites,
): Promise<void> {
  const startedItems = new Set(
    record.effects.flatMap((effect) =>
      effect.kind === 'clock' && effect.clock === 'item' && effect.action === 'start'
        ? [effect.item ?? '']
        : [],
    ),
  );
  const terminal = (progress: ItemProgress | undefined) =>
    progress !== undefined && TERMINAL_ITEM_STATUSES.includes(progress.status);
  if (!record.before) {
    const rows = Object.entries(record.definition.departments).map(
      ([item, department]): CaseItemEntity => {
        const progress = record.after.items[item];
        return {
          caseId: record.caseId,
          item,
          department,
          status: progress?.status ?? 'pending',
          dueDate: null,
          startedAt: startedItems.has(item) ? record.now : null,
          endedAt: terminal(progress) ? record.now : null,
          reason: progress?.reason ?? null,
          clock: null,
          daysUsed: null,
          dueFlag: null,
        };
      },
    );
    if (rows.length > 0) await insertRows(manager, CaseItemEntity, rows);
    return;
  }
  for (const item of Object.keys(record.definition.departments)) {
    const before = record.before.items[item];
    const after = record.after.items[item];
    const changes: ItemChanges = {};
    const status = after?.status ?? 'pending';
    const reason = after?.reason ?? null;
    if ((before?.status ?? 'pending') !== status) changes.status = status;
    if (JSON.stringify(before?.reason ?? null) !== JSON.stringify(reason)) changes.reason = reason;
    if (startedItems.has(item)) changes.startedAt = record.now;
    if (terminal(after) && !terminal(before)) changes.endedAt = record.now;
    if (Object.keys(changes).length > 0) writes.changeItem(item, changes);
  }
}

/** A licence issued in the case supplies the materials it satisfies (免证可办) automatically. */
async function recordCaseLicences(manager: EntityManager, record: TransitionRecord) {
  if (record.event?.type !== 'LICENCE_ISSUED') return;
  const { item, licences } = record.event;
  for (const material of record.definition.compiled.materials) {
    if (material.suppliedInCase?.byItem !== item) continue;
    const licence = licences.find((entry) => entry.type === material.suppliedInCase?.licenceType);
    await insertRow(manager, CaseMaterialEntity, {
      id: randomUUID(),
      caseId: record.caseId,
      material: material.material,
      source: 'case-licence',
      fileSha256: null,
      fileSize: null,
      contentType: null,
      licenceNumber: licence?.number ?? null,
      createdAt: record.now,
    });
  }
}
