import { WeekdayCalendar, type WorkingCalendar } from '@onevisit/calendar';

/**
 * Due dates and timer moments in working days (工作日), through the calendar seam.
 *
 * `TIMER_WORKING_DAY_MS` (environment, optional): when set to a positive integer, a
 * timer of N working days fires N × that many milliseconds after it is set, instead of
 * at the end of the N-th working day. Meant for tests and demonstrations, where waiting
 * for a real supplement deadline is not an option. Due dates shown to people are not affected.
 */
export class WorkingTime {
  constructor(
    readonly calendar: WorkingCalendar = new WeekdayCalendar(),
    readonly workingDayMs: number | null = workingDayMsFromEnv(),
  ) {}

  /** The calendar date `YYYY-MM-DD` by which a limit of `days` working days started at `from` ends. */
  dueDate(from: Date, days: number): string {
    return this.calendar.addWorkingDays(from, days);
  }

  /** When a timer of `days` working days set at `from` fires: once its last working day is over. */
  timerRunAt(from: Date, days: number): Date {
    if (this.workingDayMs !== null) return new Date(from.getTime() + days * this.workingDayMs);
    const due = this.dueDate(from, days);
    // The calendar's zone is Asia/Shanghai (UTC+8 all year, no daylight saving).
    return new Date(`${due}T23:59:59.999+08:00`);
  }
}

export function workingDayMsFromEnv(env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env.TIMER_WORKING_DAY_MS;
  if (raw === undefined || raw === '') return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`TIMER_WORKING_DAY_MS must be a positive integer (milliseconds), not ${raw}`);
  }
  return value;
}
