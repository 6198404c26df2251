import { type ClockState } from './clock.model.js';
import { type DeadlineSettings, dueSoonAfterDays } from './deadline-settings.js';

export type DeadlineStage = 'due-soon' | 'overdue';

/** How serious a flag is: a check never lowers a clock's flag. */
export const DEADLINE_STAGE_RANK: Record<DeadlineStage, number> = { 'due-soon': 1, overdue: 2 };

export interface DeadlineCheck {
  stage: DeadlineStage;
  /** Working days after the running segment's start at whose end the check is due. */
  afterDays: number;
}

/**
 * The checks a running clock needs: due soon, then overdue once its last day is over.
 * A paused or stopped clock needs none; the next resumption schedules them again.
 */
export function deadlineChecks(state: ClockState, settings: DeadlineSettings): DeadlineCheck[] {
  if (state.runningSince === null) return [];
  const soon = Math.max(0, dueSoonAfterDays(state.limitDays, settings) - state.usedDays);
  const overdue = Math.max(0, state.limitDays - state.usedDays);
  return [
    { stage: 'due-soon', afterDays: Math.min(soon, overdue) },
    { stage: 'overdue', afterDays: overdue },
  ];
}
