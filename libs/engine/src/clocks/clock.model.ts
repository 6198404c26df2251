import type { WorkingCalendar } from '@onevisit/calendar';

/**
 * A time-limit clock (时限计时) in working days: how many are used, whether it runs, and
 * the due date that follows. Pure: no clock of its own, no storage; `now` is passed in.
 *
 * A clock runs in segments. Pausing closes the segment and adds its working days to
 * `usedDays`; resuming opens a new one that starts counting from the resumption, with
 * the remaining days. A segment's days follow the calendar's rule for limits: the day an
 * event counts from is not itself counted, so a pause on the day a clock started uses
 * nothing, and a pause on a later working day uses that day too (a started day counts).
 *
 * Several things can pause one clock at once (a special procedure, and the whole case
 * being suspended): it runs again only when every one of them has resumed it.
 */
export type ClockPauseReason = 'procedure' | 'case';

export interface ClockState {
  limitDays: number;
  /** Working days used by the segments already closed. */
  usedDays: number;
  /** Instant (ISO 8601) the running segment counts from; null while paused or stopped. */
  runningSince: string | null;
  pausedBy: ClockPauseReason[];
  stopped: boolean;
  /** Bumped on every change: a deadline job made for an older generation is a no-op. */
  generation: number;
}

export type ClockStatus = 'running' | 'paused' | 'stopped';

/** The part of the calendar a clock needs. */
export type ClockCalendar = Pick<WorkingCalendar, 'addWorkingDays' | 'workingDaysBetween'>;

export function startClock(limitDays: number, now: Date, generation = 0): ClockState {
  if (!Number.isSafeInteger(limitDays) || limitDays < 0) {
    throw new RangeError(`a clock's limit must be whole working days ≥ 0, got ${limitDays}`);
  }
  return {
    limitDays,
    usedDays: 0,
    runningSince: now.toISOString(),
    pausedBy: [],
    stopped: false,
    generation: generation + 1,
  };
}

export function clockStatus(state: ClockState): ClockStatus {
  if (state.stopped) return 'stopped';
  return state.runningSince === null ? 'paused' : 'running';
}

/** Working days used up to `now`, the running segment included. */
export function usedDaysAt(state: ClockState, now: Date, calendar: ClockCalendar): number {
  if (state.runningSince === null) return state.usedDays;
  return state.usedDays + Math.max(0, calendar.workingDaysBetween(state.runningSince, now));
}

/** Working days left at `now`; negative once overdue. */
export function remainingDaysAt(state: ClockState, now: Date, calendar: ClockCalendar): number {
  return state.limitDays - usedDaysAt(state, now, calendar);
}

export function pauseClock(
  state: ClockState,
  reason: ClockPauseReason,
  now: Date,
  calendar: ClockCalendar,
): ClockState {
  if (state.stopped || state.pausedBy.includes(reason)) return state;
  return {
    ...state,
    usedDays: usedDaysAt(state, now, calendar),
    runningSince: null,
    pausedBy: [...state.pausedBy, reason],
    generation: state.generation + 1,
  };
}

export function resumeClock(state: ClockState, reason: ClockPauseReason, now: Date): ClockState {
  if (state.stopped || !state.pausedBy.includes(reason)) return state;
  const pausedBy = state.pausedBy.filter((entry) => entry !== reason);
  return {
    ...state,
    pausedBy,
    runningSince: pausedBy.length === 0 ? now.toISOString() : null,
    generation: state.generation + 1,
  };
}

export function stopClock(state: ClockState, now: Date, calendar: ClockCalendar): ClockState {
  if (state.stopped) return state;
  return {
    ...state,
    usedDays: usedDaysAt(state, now, calendar),
    runningSince: null,
    stopped: true,
    generation: state.generation + 1,
  };
}

/**
 * The date (`YYYY-MM-DD`) a running clock is due by: the remaining days counted from its
 * segment's start. Null while paused or stopped: there is no date while the clock stands.
 */
export function dueDateOf(state: ClockState, calendar: ClockCalendar): string | null {
  if (state.runningSince === null) return null;
  return calendar.addWorkingDays(state.runningSince, Math.max(0, state.limitDays - state.usedDays));
}

/** Whether a stopped clock finished within its limit (on-time completion, 按时办结). */
export function finishedOnTime(state: ClockState): boolean {
  return state.usedDays <= state.limitDays;
}
