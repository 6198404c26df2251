import { type EntityManager, MoreThanOrEqual } from 'typeorm';
import { WINDOW_DEPARTMENT } from '@onevisit/definitions';
import {
  CaseClockEntity,
  type ClockKind,
  CaseItemEntity,
  type OutboxEntity,
  sendUpdate,
} from '@onevisit/persistence';
import { insertOutboxRows, outboxRowOf } from '@onevisit/queues';
import type { TransitionRecord } from '../case-effects.writer.js';
import { lockCaseRow } from '../case-row.sql.js';
import type { ItemChanges, TransactionWrites } from '../transaction-writes.js';
import { changesOf, insertRows } from '../typed-writes.js';
import type { WorkingTime } from '../working-time.js';
import {
  type ClockPauseReason,
  type ClockState,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
} from './clock.model.js';
import {
  caseClockKey,
  clockStateOf,
  itemClockKey,
  procedureClockKey,
  supplementClockKey,
  withClockState,
} from './clock-rows.js';
import { deadlineChecks } from './deadline-checks.js';
import { type DeadlineSettings, deadlineSettingsFromEnv } from './deadline-settings.js';

let settingsFromEnv: DeadlineSettings | undefined;

/** The deadline settings of this process, read from the environment once. */
export function deadlineSettings(): DeadlineSettings {
  settingsFromEnv ??= deadlineSettingsFromEnv();
  return settingsFromEnv;
}

/**
 * Applies the `clock` effects of one transition, in the order the machine emitted them
 * (a procedure's exit resumes the item clock before the next procedure's entry pauses
 * it again), inside the caller's transaction. Changed clocks are saved, running ones get
 * their due-soon and overdue checks scheduled (outbox rows with run_at), and the item
 * read model gets its due date, clock state and days used.
 */
export async function applyClockEffects(
  manager: EntityManager,
  record: TransitionRecord,
  time: WorkingTime,
  writes: TransactionWrites,
  settings: DeadlineSettings = deadlineSettings(),
): Promise<void> {
  const calendar = time.calendar;
  const now = record.now;
  if (!touchesClocks(record)) return;
  // A new case has no clocks yet.
  const stored = record.before ? await writes.storedClocksOf(manager, record.caseId) : [];
  const existing = new Set(stored.map((row) => row.key));
  const clocks = new Map(stored.map((row) => [row.key, row]));
  const changed = new Set<string>();

  const change = (key: string, next: (state: ClockState) => ClockState) => {
    const row = clocks.get(key);
    if (!row) return;
    const before = clockStateOf(row);
    const after = next(before);
    if (after === before) return;
    clocks.set(key, withClockState(row, after, calendar, now));
    changed.add(key);
  };
  const start = (
    key: string,
    kind: ClockKind,
    item: string | null,
    department: string,
    limitDays: number,
  ) => {
    const state = startClock(limitDays, now, clocks.get(key)?.generation ?? 0);
    const row: CaseClockEntity = {
      caseId: record.caseId,
      key,
      kind,
      item,
      department,
      limitDays,
      usedDays: 0,
      runningSince: now,
      pausedBy: [],
      status: 'running',
      dueDate: null,
      flag: null,
      generation: state.generation,
      startedAt: now,
      stoppedAt: null,
    };
    clocks.set(key, withClockState(row, state, calendar, now));
    changed.add(key);
    // A clock started while the case stands (suspended) stands with it.
    if (kind !== 'case' && clocks.get(caseClockKey)?.pausedBy.includes('case')) {
      change(key, (s) => pauseClock(s, 'case', now, calendar));
    }
  };
  const caseWide = (action: (state: ClockState) => ClockState) => {
    for (const [key, row] of clocks) if (row.kind !== 'supplement') change(key, action);
  };
  const pause = (reason: ClockPauseReason) => (state: ClockState) =>
    pauseClock(state, reason, now, calendar);
  const resume = (reason: ClockPauseReason) => (state: ClockState) =>
    resumeClock(state, reason, now);
  const stop = (state: ClockState) => stopClock(state, now, calendar);

  for (const effect of record.effects) {
    if (effect.kind === 'timer' && effect.timer === 'supplement-deadline') {
      start(supplementClockKey, 'supplement', null, WINDOW_DEPARTMENT, effect.workingDays);
    }
    if (effect.kind !== 'clock') continue;
    const item = effect.item ?? '';
    switch (effect.clock) {
      case 'intake':
        // The intake clock has no limit of its own to warn about.
        break;
      case 'case':
        if (effect.action === 'start') {
          start(caseClockKey, 'case', null, WINDOW_DEPARTMENT, effect.limitDays ?? 0);
        } else if (effect.action === 'stop') {
          change(caseClockKey, stop);
        } else {
          // Correction or suspension: every clock of the case stands, and runs on together.
          caseWide(effect.action === 'pause' ? pause('case') : resume('case'));
        }
        break;
      case 'item': {
        const key = itemClockKey(item);
        if (effect.action === 'start') {
          const limit = effect.limitDays ?? record.definition.limits[item] ?? 0;
          start(key, 'item', item, record.definition.departments[item] ?? '', limit);
        } else if (effect.action === 'stop') change(key, stop);
        // 特殊环节不计时: the item clock stands while a special procedure runs.
        else change(key, effect.action === 'pause' ? pause('procedure') : resume('procedure'));
        break;
      }
      case 'procedure': {
        const key = procedureClockKey(item, effect.procedure ?? 0);
        if (effect.action === 'start') {
          const department = record.definition.departments[item] ?? '';
          start(key, 'procedure', item, department, effect.limitDays ?? 0);
        } else if (effect.action === 'stop') change(key, stop);
        break;
      }
    }
  }
  // 容缺: the supplement deadline ends when nothing is missing any more, or when it has passed.
  if (record.after.missing.length === 0 || record.after.supplementExpired) {
    change(supplementClockKey, stop);
  }

  const started: CaseClockEntity[] = [];
  for (const key of changed) {
    const row = clocks.get(key);
    if (!row) continue;
    if (existing.has(key)) {
      await sendUpdate(
        manager,
        CaseClockEntity,
        { caseId: row.caseId, key },
        changesOf<CaseClockEntity>({ ...row }),
      );
    } else {
      started.push(row);
    }
    for (const check of deadlineCheckRows(row, record.version, time, settings)) {
      writes.addOutbox(check);
    }
    if (row.kind === 'item' && row.item !== null) writes.changeItem(row.item, itemCopyOf(row));
  }
  if (started.length > 0) await insertRows(manager, CaseClockEntity, started);
}

/**
 * Whether the transition can change a clock: a clock effect, a supplement deadline set,
 * or the supplement clock's end (nothing missing any more, or its deadline passed). When
 * none applies, the clocks are not even read.
 */
function touchesClocks(record: TransitionRecord): boolean {
  if (record.effects.some((effect) => effect.kind === 'clock')) return true;
  if (
    record.effects.some(
      (effect) => effect.kind === 'timer' && effect.timer === 'supplement-deadline',
    )
  )
    return true;
  const before = record.before;
  if (!before) return false;
  return (
    (before.missing.length > 0 && record.after.missing.length === 0) ||
    (!before.supplementExpired && record.after.supplementExpired)
  );
}

/** Outbox rows (delayed jobs) for the due-soon and overdue checks of a running clock. */
export function deadlineCheckRows(
  row: CaseClockEntity,
  caseVersion: number,
  time: WorkingTime,
  settings: DeadlineSettings,
): OutboxEntity[] {
  const { runningSince } = row;
  if (runningSince === null) return [];
  return deadlineChecks(clockStateOf(row), settings).map((check) =>
    outboxRowOf(
      {
        name: 'deadline.check',
        data: {
          caseId: row.caseId,
          caseVersion,
          clock: row.key,
          generation: row.generation,
          stage: check.stage,
        },
      },
      { runAt: time.timerRunAt(runningSince, check.afterDays) },
    ),
  );
}

/** The item read model's copy of its clock: due date (kept once stopped), state, days used. */
function itemCopyOf(row: CaseClockEntity): ItemChanges {
  return { clock: row.status, daysUsed: row.usedDays, dueDate: row.dueDate, dueFlag: row.flag };
}

/**
 * Recomputes the due date of every running clock due on or after `from` (the earliest
 * date a calendar change touched; an earlier due date cannot have moved) and schedules its
 * checks again under a new generation, so the checks made on the old calendar become
 * no-ops. A clock another process changed meanwhile is left to that change. Flags stay:
 * a later due date is re-checked, it does not un-warn anyone. Returns how many moved.
 */
export async function recomputeRunningClocks(
  manager: EntityManager,
  time: WorkingTime,
  from: string | null = null,
  settings: DeadlineSettings = deadlineSettings(),
  now: Date = new Date(),
): Promise<number> {
  const running = await manager.findBy(CaseClockEntity, {
    status: 'running',
    ...(from === null ? {} : { dueDate: MoreThanOrEqual(from) }),
  });
  // Each case's row lock first, as its transitions take it before its clocks and items:
  // in id order, so two recomputes cannot deadlock either. A clock that moved meanwhile
  // fails the generation check below and is left to the change that moved it.
  for (const caseId of [...new Set(running.map((row) => row.caseId))].sort()) {
    await lockCaseRow(manager, caseId);
  }
  let moved = 0;
  for (const row of running) {
    const state = clockStateOf(row);
    const next = withClockState(
      row,
      { ...state, generation: state.generation + 1 },
      time.calendar,
      now,
    );
    if (next.dueDate === row.dueDate) continue;
    const result = await manager.update(
      CaseClockEntity,
      { caseId: row.caseId, key: row.key, generation: row.generation },
      changesOf<CaseClockEntity>({ dueDate: next.dueDate, generation: next.generation }),
    );
    if (result.affected !== 1) continue;
    moved += 1;
    // Not made by a transition: the checks carry no case version of their own (0).
    await insertOutboxRows(manager, deadlineCheckRows(next, 0, time, settings));
    if (next.kind === 'item' && next.item !== null) {
      await manager.update(
        CaseItemEntity,
        { caseId: next.caseId, item: next.item },
        changesOf<CaseItemEntity>(itemCopyOf(next)),
      );
    }
  }
  return moved;
}
