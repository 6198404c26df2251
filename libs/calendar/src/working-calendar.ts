/**
 * The seam through which the case engine computes time limits (时限) in working days (工作日).
 *
 * Dates are calendar dates (`YYYY-MM-DD`) in the calendar's time zone, Asia/Shanghai by
 * default: an instant such as an acceptance at 2025-01-03T10:00:00Z (18:00 in Beijing) is
 * first placed on the Beijing wall clock, never on the server's own zone.
 *
 * Counting follows the usual rule for legal time limits: the day an event counts as
 * received is not itself counted, so "N working days from acceptance" ends on the N-th
 * working day after it. An event on a non-working day, or at or after the closing time
 * of a working day, counts as received on the next working day.
 */

/** Per-call options of `addWorkingDays` / `workingDaysBetween`. */
export interface WorkingDayOptions {
  /**
   * Closing time `HH:MM` for this call, overriding the calendar's rule; `null` ignores
   * closing time (an instant counts on its own date when that is a working day).
   */
  closingTime?: string | null;
}

export interface WorkingCalendar {
  /** IANA zone in which instants become calendar dates. */
  readonly timeZone: string;
  /**
   * Whether `date` (`YYYY-MM-DD`) is a working day. Implementations backed by data throw
   * for a date they hold no data for rather than guess.
   */
  isWorkingDay(date: string): boolean;
  /**
   * The date (`YYYY-MM-DD`) on which a limit of `days` working days, started by an event
   * at `from`, ends. `from` is an instant (`Date`, or an ISO date-time string with an
   * offset) to which the closing-time rule applies, or a calendar date `YYYY-MM-DD`
   * meaning "received that day". `days = 0` gives the working day the event counts from.
   */
  addWorkingDays(from: Date | string, days: number, options?: WorkingDayOptions): string;
  /**
   * Working days elapsed from the day `a` counts from (same rule as `addWorkingDays`)
   * to the calendar date of `b`: the count of working days in (start, b], negative when
   * `b` is before the start. So `addWorkingDays(a, workingDaysBetween(a, b)) === b` for
   * any working day `b` on or after the start.
   */
  workingDaysBetween(a: Date | string, b: Date | string, options?: WorkingDayOptions): number;
}
