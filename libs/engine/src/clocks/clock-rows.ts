import type { CaseClockEntity } from '@onevisit/persistence';
import {
  type ClockCalendar,
  type ClockPauseReason,
  type ClockState,
  clockStatus,
  dueDateOf,
} from './clock.model.js';

/** The pure clock state held by a `case_clock` row. */
export function clockStateOf(row: CaseClockEntity): ClockState {
  return {
    limitDays: row.limitDays,
    usedDays: row.usedDays,
    runningSince: row.runningSince === null ? null : new Date(row.runningSince).toISOString(),
    pausedBy: row.pausedBy.filter(
      (reason): reason is ClockPauseReason => reason === 'procedure' || reason === 'case',
    ),
    stopped: row.status === 'stopped',
    generation: row.generation,
  };
}

/** The row with a new clock state and what follows from it (status, due date). */
export function withClockState(
  row: CaseClockEntity,
  state: ClockState,
  calendar: ClockCalendar,
  now: Date,
): CaseClockEntity {
  const status = clockStatus(state);
  return {
    ...row,
    limitDays: state.limitDays,
    usedDays: state.usedDays,
    runningSince: state.runningSince === null ? null : new Date(state.runningSince),
    pausedBy: [...state.pausedBy],
    status,
    // A stopped clock keeps the date it was last due by: on-time reports compare against it.
    dueDate: status === 'stopped' ? row.dueDate : dueDateOf(state, calendar),
    generation: state.generation,
    stoppedAt: status === 'stopped' ? (row.stoppedAt ?? now) : null,
  };
}

export const caseClockKey = 'case';
export const supplementClockKey = 'supplement';
export const itemClockKey = (item: string) => `item:${item}`;
export const procedureClockKey = (item: string, index: number) => `procedure:${item}:${index}`;
