import { randomUUID } from 'node:crypto';
import { type EntityManager, In } from 'typeorm';
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
  TaskEntity,
} from '@onevisit/persistence';
import { addToOutbox } from '@onevisit/queues';
import type { PinnedDefinition } from './case-definitions.js';
import { applyClockEffects, deadlineSettings } from './clocks/clock.writer.js';
import { changesOf, insertRow } from './typed-writes.js';
import type { WorkingTime } from './working-time.js';

/** Department of supervisors, who follow up a dissatisfied rating (差评整改). */
export const SUPERVISION_DEPARTMENT = 'supervision';

/** One committed transition, as the read models and the outbox need it. */
export interface TransitionRecord {
  caseId: string;
  /** Case version after the transition: every job carries it (idempotency). */
  version: number;
  status: CaseStatus;
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
}

/**
 * Writes what a transition implies besides the case row, inside the caller's transaction:
 * read models (case_item, task) and one outbox row per effect that is a job.
 */
export async function writeTransitionEffects(
  manager: EntityManager,
  record: TransitionRecord,
  time: WorkingTime,
): Promise<void> {
  await syncCaseItems(manager, record);
  // Clocks before tasks: a new task copies its item's due date and flag.
  await applyClockEffects(manager, record, time);
  await closeFinishedTasks(manager, record);
  const revokedItems = new Set(
    record.effects.flatMap((effect) => (effect.kind === 'revoke-licence' ? [effect.item] : [])),
  );
  for (const effect of record.effects) {
    await writeEffect(manager, record, effect, time, revokedItems);
  }
  if (record.event?.type === 'LICENCE_ISSUED') await recordCaseLicences(manager, record);
}

async function writeEffect(
  manager: EntityManager,
  record: TransitionRecord,
  effect: CaseEffect,
  time: WorkingTime,
  revokedItems: Set<string>,
): Promise<void> {
  const ref = { caseId: record.caseId, caseVersion: record.version };
  switch (effect.kind) {
    case 'task':
      await insertTask(manager, record, effect, time);
      return;
    case 'issue-licence':
      await addToOutbox(manager, {
        name: 'licence.issue',
        data: {
          ...ref,
          item: effect.item,
          department: effect.department,
          licenceTypes: effect.licenceTypes,
          onPledge: effect.onPledge,
        },
      });
      return;
    case 'revoke-licence':
      await addToOutbox(manager, {
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
      await addToOutbox(manager, {
        name: 'licence.revoke',
        data: { ...ref, item: effect.item, department: effect.department, licenceTypes: [] },
      });
      return;
    case 'timer':
      await addToOutbox(
        manager,
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
    case 'notify':
      await addToOutbox(manager, {
        name: 'notification.send',
        data: { ...ref, template: effect.template, ...(effect.item ? { item: effect.item } : {}) },
      });
      return;
    case 'supervision':
      await addToOutbox(manager, {
        name: 'supervision.case-event',
        data: { ...ref, topic: effect.topic, ...(effect.item ? { item: effect.item } : {}) },
      });
      return;
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
): Promise<void> {
  let department = effect.department;
  if (effect.task === 'rating-follow-up') {
    if (record.anonymousRating) return;
    department = SUPERVISION_DEPARTMENT;
  }
  let dueDate: string | null = null;
  let dueFlag: TaskEntity['dueFlag'] = null;
  if (effect.task === 'rating-follow-up') {
    // 差评整改: the rectification has its own deadline in working days.
    dueDate = time.dueDate(record.now, deadlineSettings().rectificationDays);
  } else if (effect.procedure) {
    dueDate = time.dueDate(record.now, effect.procedure.maxDays);
  } else if (effect.task === 'post-check') {
    const timer = record.effects.find(
      (other) =>
        other.kind === 'timer' && other.timer === 'post-check-due' && other.item === effect.item,
    );
    if (timer?.kind === 'timer') dueDate = time.dueDate(record.now, timer.workingDays);
  } else if (effect.item) {
    const row = await manager.findOneBy(CaseItemEntity, {
      caseId: record.caseId,
      item: effect.item,
    });
    dueDate = row?.dueDate ?? null;
    dueFlag = row?.dueFlag ?? null;
  }
  await insertRow(manager, TaskEntity, {
    id: randomUUID(),
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
async function closeFinishedTasks(manager: EntityManager, record: TransitionRecord) {
  if (!record.before) return;
  const open = await manager.find(TaskEntity, {
    where: { caseId: record.caseId, status: In(['open', 'claimed']) },
  });
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
      await manager.update(TaskEntity, { id: task.id }, { status, completedAt: record.now });
    }
  }
}

/** Per-item status, reason, start and end, from the context (the clocks writer keeps due dates). */
async function syncCaseItems(manager: EntityManager, record: TransitionRecord) {
  const rows = await manager.findBy(CaseItemEntity, { caseId: record.caseId });
  const byItem = new Map(rows.map((row) => [row.item, row]));
  for (const [item, department] of Object.entries(record.definition.departments)) {
    const progress = record.after.items[item];
    const existing = byItem.get(item);
    const row: CaseItemEntity = existing
      ? { ...existing }
      : {
          caseId: record.caseId,
          item,
          department,
          status: 'pending',
          dueDate: null,
          startedAt: null,
          endedAt: null,
          reason: null,
          clock: null,
          daysUsed: null,
          dueFlag: null,
        };
    row.status = progress?.status ?? 'pending';
    row.reason = progress?.reason ?? null;
    const started = record.effects.find(
      (effect) =>
        effect.kind === 'clock' &&
        effect.clock === 'item' &&
        effect.action === 'start' &&
        effect.item === item,
    );
    if (started?.kind === 'clock') row.startedAt = record.now;
    if (row.endedAt === null && progress && TERMINAL_ITEM_STATUSES.includes(progress.status)) {
      row.endedAt = record.now;
    }
    if (!existing) await insertRow(manager, CaseItemEntity, row);
    else if (JSON.stringify(row) !== JSON.stringify(existing)) {
      await manager.update(
        CaseItemEntity,
        { caseId: row.caseId, item: row.item },
        changesOf<CaseItemEntity>({
          status: row.status,
          reason: row.reason,
          startedAt: row.startedAt,
          endedAt: row.endedAt,
        }),
      );
    }
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
