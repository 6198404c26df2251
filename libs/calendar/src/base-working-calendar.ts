import {
  DEFAULT_TIME_ZONE,
  addCalendarDays,
  assertIsoDate,
  parseClockTime,
  zonedDateTime,
} from './calendar-date.js';
import type { WorkingCalendar, WorkingDayOptions } from './working-calendar.js';

/** When a working day ends, for a date: `HH:MM`, or `null` for no closing time that day. */
export type ClosingTimeRule = string | null | ((date: string) => string | null);

export interface CalendarOptions {
  /** IANA time zone of the service; default Asia/Shanghai. */
  timeZone?: string;
  /**
   * Closing time of a working day (default `17:30`). A function lets a calendar close
   * earlier on some days (e.g. the eve of a holiday) without changing the counting.
   */
  closingTime?: ClosingTimeRule;
}

export const DEFAULT_CLOSING_TIME = '17:30';

/**
 * A far bound for searching the next working day: no real calendar has a whole year
 * without one, so reaching it means the calendar's data is wrong, not that we should loop.
 */
const MAX_SEARCH_DAYS = 400;

const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Everything but `isWorkingDay`: counting, time zone and the closing-time rule. The
 * weekday calendar here and the holiday calendar (data-backed, with make-up days) both
 * extend it, so the engine's due dates behave the same whichever is plugged in.
 */
export abstract class BaseWorkingCalendar implements WorkingCalendar {
  readonly timeZone: string;
  private readonly closingRule: ClosingTimeRule;

  protected constructor(options: CalendarOptions = {}) {
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.closingRule =
      options.closingTime === undefined ? DEFAULT_CLOSING_TIME : options.closingTime;
    // Fail at construction on a bad zone or a bad fixed closing time, not at the first case.
    zonedDateTime(new Date(0), this.timeZone);
    if (typeof this.closingRule === 'string') parseClockTime(this.closingRule);
  }

  abstract isWorkingDay(date: string): boolean;

  addWorkingDays(from: Date | string, days: number, options: WorkingDayOptions = {}): string {
    if (!Number.isSafeInteger(days) || days < 0) {
      throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
    }
    let date = this.countsFrom(from, options);
    for (let counted = 0; counted < days; counted += 1) date = this.nextWorkingDay(date);
    return date;
  }

  workingDaysBetween(a: Date | string, b: Date | string, options: WorkingDayOptions = {}): number {
    const start = this.countsFrom(a, options);
    const end = typeof b === 'string' && isDateOnly(b) ? b : this.dateOf(toInstant(b));
    if (end === start) return 0;
    const [low, high, sign] = end > start ? [start, end, 1] : [end, start, -1];
    let count = 0;
    for (let date = addCalendarDays(low, 1); date <= high; date = addCalendarDays(date, 1)) {
      if (this.isWorkingDay(date)) count += 1;
    }
    return sign * count;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: string): string {
    let candidate = date;
    for (let step = 0; step < MAX_SEARCH_DAYS; step += 1) {
      candidate = addCalendarDays(candidate, 1);
      if (this.isWorkingDay(candidate)) return candidate;
    }
    throw new RangeError(`no working day within ${MAX_SEARCH_DAYS} days after ${date}`);
  }

  /** The working day an event at `from` counts as received on (see `WorkingCalendar`). */
  countsFrom(from: Date | string, options: WorkingDayOptions = {}): string {
    if (typeof from === 'string' && isDateOnly(from)) {
      assertIsoDate(from);
      return this.isWorkingDay(from) ? from : this.nextWorkingDay(from);
    }
    const { date, minutes } = zonedDateTime(toInstant(from), this.timeZone);
    if (!this.isWorkingDay(date)) return this.nextWorkingDay(date);
    const closing = this.closingTimeOn(date, options);
    return closing !== null && minutes >= parseClockTime(closing)
      ? this.nextWorkingDay(date)
      : date;
  }

  /** The calendar date of an instant in this calendar's zone. */
  dateOf(instant: Date): string {
    return zonedDateTime(instant, this.timeZone).date;
  }

  private closingTimeOn(date: string, options: WorkingDayOptions): string | null {
    if (options.closingTime !== undefined) return options.closingTime;
    return typeof this.closingRule === 'function' ? this.closingRule(date) : this.closingRule;
  }
}

function isDateOnly(value: string): boolean {
  return value.length === 10 && !value.includes('T');
}

/**
 * An ISO date-time string without an offset would be read in the server's own zone, which
 * is exactly the ambiguity this module exists to remove: require one.
 */
function toInstant(value: Date | string): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('invalid Date');
    return value;
  }
  if (!DATE_TIME_WITH_OFFSET.test(value)) {
    throw new RangeError(`expected YYYY-MM-DD or an ISO date-time with an offset, got "${value}"`);
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`invalid date-time "${value}"`);
  return instant;
}
