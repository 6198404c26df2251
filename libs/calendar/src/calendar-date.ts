/**
 * Calendar dates (`YYYY-MM-DD`) as plain strings, and the conversion of an instant
 * into the calendar date and wall-clock time of a time zone.
 *
 * Arithmetic runs on UTC midnights so that it never meets a daylight-saving jump;
 * the time zone matters only when an instant (a `Date`) is turned into a date.
 */

/** The zone of every date this product shows: mainland China, UTC+8 all year. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when `value` is `YYYY-MM-DD` and names a day that exists (no 2025-02-29). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC treats years 0–99 as 1900–1999; setUTCFullYear keeps the year as written.
  utc.setUTCFullYear(year);
  return (
    utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day
  );
}

/** Throws a RangeError unless `value` is a real `YYYY-MM-DD` date. */
export function assertIsoDate(value: string): void {
  if (!isIsoDate(value)) throw new RangeError(`not a calendar date (YYYY-MM-DD): "${value}"`);
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addCalendarDays(date: string, days: number): string {
  assertIsoDate(date);
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  assertIsoDate(date);
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Calendar days from `a` to `b` (negative when `b` is earlier). */
export function calendarDaysBetween(a: string, b: string): number {
  assertIsoDate(a);
  assertIsoDate(b);
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The calendar date and the minutes since midnight of an instant, in a time zone. */
export interface ZonedDateTime {
  date: string;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The last instant asked about in each time zone, and its answer. One transition asks
 * about its own `now` for each clock and due date it touches, one after the other, and
 * `formatToParts` is the dear part of the answer.
 */
const lastAnswers = new Map<string, { at: number; answer: ZonedDateTime }>();

/** Where an instant falls on the wall clock of `timeZone` (IANA name). */
export function zonedDateTime(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): ZonedDateTime {
  const at = instant.getTime();
  if (Number.isNaN(at)) throw new RangeError('invalid Date');
  const last = lastAnswers.get(timeZone);
  if (last?.at === at) return { ...last.answer };
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const answer = {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
  lastAnswers.set(timeZone, { at, answer: { ...answer } });
  return answer;
}

/** The calendar date of an instant in `timeZone`. */
export function calendarDateOf(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return zonedDateTime(instant, timeZone).date;
}

/** Parses `HH:MM` (24-hour) into minutes since midnight. */
export function parseClockTime(value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new RangeError(`not a clock time (HH:MM): "${value}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}
