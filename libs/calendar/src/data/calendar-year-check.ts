import { dayOfWeek, isIsoDate } from '../calendar-date.js';
import {
  type CalendarDataError,
  type CalendarDay,
  type CalendarSource,
  NATIONAL_REGION,
} from './calendar-year.js';

/** `CN`, or a region below it such as `CN-BJ` or `CN-110101` (a district's division code). */
export const REGION_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,12}){0,3}$/;

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** Where a day was written, so that an error can point at it. */
export interface DayLocation {
  field: string;
  line?: number;
}

export interface LocatedDay extends CalendarDay {
  at: DayLocation;
}

export function checkRegion(region: unknown, field: string, errors: CalendarDataError[]): boolean {
  if (typeof region === 'string' && REGION_PATTERN.test(region)) return true;
  errors.push({
    field,
    message: `must be a region code such as ${NATIONAL_REGION} or ${NATIONAL_REGION}-110101`,
  });
  return false;
}

export function checkYear(year: unknown, field: string, errors: CalendarDataError[]): boolean {
  if (Number.isInteger(year) && (year as number) >= MIN_YEAR && (year as number) <= MAX_YEAR) {
    return true;
  }
  errors.push({ field, message: `must be a whole year between ${MIN_YEAR} and ${MAX_YEAR}` });
  return false;
}

/** A notice needs a title, an issuer and a publication date; its URL is optional. */
export function checkSource(
  source: Partial<Record<keyof CalendarSource, unknown>>,
  field: string,
  errors: CalendarDataError[],
): source is CalendarSource {
  const before = errors.length;
  for (const key of ['title', 'issuer'] as const) {
    if (typeof source[key] !== 'string' || source[key].trim() === '') {
      errors.push({ field: `${field}/${key}`, message: 'must be a non-empty string' });
    }
  }
  if (typeof source.date !== 'string' || !isIsoDate(source.date)) {
    errors.push({ field: `${field}/date`, message: 'must be a date YYYY-MM-DD' });
  }
  if (
    source.url !== undefined &&
    (typeof source.url !== 'string' || !/^https?:\/\//.test(source.url))
  ) {
    errors.push({ field: `${field}/url`, message: 'must be an http(s) URL' });
  }
  return errors.length === before;
}

/**
 * Rules across the days of one year: each inside the year, none listed twice, and (for
 * the national calendar) make-up working days only on a Saturday or Sunday, since a
 * weekday is a working day anyway and listing it means the date is wrong.
 */
export function checkYearDays(
  region: string,
  year: number,
  days: readonly LocatedDay[],
  errors: CalendarDataError[],
): void {
  const seen = new Map<string, LocatedDay>();
  for (const day of days) {
    const where = (message: string) => errors.push({ ...day.at, message });
    if (!day.date.startsWith(`${year}-`)) {
      where(`${day.date} is not in ${year}`);
      continue;
    }
    const earlier = seen.get(day.date);
    if (earlier) {
      const place = earlier.at.line === undefined ? earlier.at.field : `line ${earlier.at.line}`;
      where(`${day.date} is already listed (${place})`);
      continue;
    }
    seen.set(day.date, day);
    const weekday = dayOfWeek(day.date);
    if (region === NATIONAL_REGION && day.kind === 'workday' && weekday !== 0 && weekday !== 6) {
      where(`${day.date} is a weekday: a make-up working day (调休) falls on a Saturday or Sunday`);
    }
  }
}

export function withoutLocation(days: readonly LocatedDay[]): CalendarDay[] {
  return days
    .map(({ at: _at, ...day }) => day)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
