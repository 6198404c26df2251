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

/**
 * Dates already found real. Counting working days checks every date it steps on, and the
 * dates a service asks about are a few hundred around today; the set is emptied when it
 * grows past a bound.
 */
const realDates = new Set<string>();
const REAL_DATES_KEPT = 4096;

/** True when `value` is `YYYY-MM-DD` and names a day that exists (no 2025-02-29). */
export function isIsoDate(value: string): boolean {
  if (realDates.has(value)) return true;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC treats years 0–99 as 1900–1999; setUTCFullYear keeps the year as written.
  utc.setUTCFullYear(year);
  const real =
    utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
  if (real) {
    if (realDates.size >= REAL_DATES_KEPT) realDates.clear();
    realDates.add(value);
  }
  return real;
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
 * The last minute asked about in each time zone, and its answer. Every transition asks
 * about its own `now` for each clock and due date it touches, and the transitions of a
 * busy minute all fall in that minute: `formatToParts` (about 7 µs) is the dear part of
 * the answer, which has minutes, not seconds.
 */
const lastAnswers = new Map<string, { byMinute: boolean; key: number; answer: ZonedDateTime }>();

const MINUTE_MS = 60_000;

/**
 * From here on, every zone's offset from UTC is a whole number of minutes and changes on
 * a whole minute (the last offset with seconds, Monrovia's −0:44:30, ended in 1972), so
 * every instant of one UTC minute falls in one wall-clock minute. Before it, only the
 * same instant is answered from memory.
 */
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(1980, 0, 1);

/** Where an instant falls on the wall clock of `timeZone` (IANA name). */
export function zonedDateTime(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): ZonedDateTime {
  const at = instant.getTime();
  if (Number.isNaN(at)) throw new RangeError('invalid Date');
  // A minute number and a millisecond instant may be equal numbers: compare the kind too.
  const byMinute = at >= WHOLE_MINUTE_OFFSETS_FROM;
  const key = byMinute ? Math.floor(at / MINUTE_MS) : at;
  const last = lastAnswers.get(timeZone);
  if (last?.byMinute === byMinute && last.key === key) return { ...last.answer };
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const answer = {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
  lastAnswers.set(timeZone, { byMinute, key, answer: { ...answer } });
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
