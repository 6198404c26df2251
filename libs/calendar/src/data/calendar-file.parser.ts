import { addCalendarDays, isIsoDate } from '../calendar-date.js';
import {
  checkRegion,
  checkSource,
  checkYear,
  checkYearDays,
  type LocatedDay,
  withoutLocation,
} from './calendar-year-check.js';
import type { CalendarDataError, CalendarParseResult, CalendarYear } from './calendar-year.js';

/** A holiday range longer than this is a typo in `to`, not a real arrangement. */
const MAX_HOLIDAY_SPAN_DAYS = 31;

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(
  value: Plain,
  allowed: readonly string[],
  at: string,
  errors: CalendarDataError[],
) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) errors.push({ field: `${at}/${key}`, message: 'is not allowed' });
  }
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Reads a calendar file (see workflows/calendar/calendar.schema.json): a region and its
 * years, each with the notice it comes from, its holidays (single dates or from/to ranges)
 * and its make-up working days. Every problem is reported at once, by JSON pointer.
 */
export function parseCalendarFile(plain: unknown): CalendarParseResult {
  const errors: CalendarDataError[] = [];
  if (!isPlain(plain)) return { ok: false, errors: [{ field: '', message: 'must be an object' }] };
  onlyKeys(plain, ['$schema', 'region', 'years'], '', errors);
  const regionOk = checkRegion(plain.region, '/region', errors);
  if (!Array.isArray(plain.years) || plain.years.length === 0) {
    errors.push({ field: '/years', message: 'must be a non-empty array' });
    return { ok: false, errors };
  }
  const region = plain.region as string;
  const years: CalendarYear[] = [];
  const seenYears = new Set<number>();
  plain.years.forEach((entry: unknown, index) => {
    const at = `/years/${index}`;
    const year = parseYear(entry, at, regionOk ? region : null, errors);
    if (!year) return;
    if (seenYears.has(year.year)) {
      errors.push({ field: `${at}/year`, message: `${year.year} is already listed` });
    }
    seenYears.add(year.year);
    years.push(year);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, years };
}

function parseYear(
  entry: unknown,
  at: string,
  region: string | null,
  errors: CalendarDataError[],
): CalendarYear | null {
  if (!isPlain(entry)) {
    errors.push({ field: at, message: 'must be an object' });
    return null;
  }
  const before = errors.length;
  onlyKeys(entry, ['year', 'source', 'holidays', 'workingDays'], at, errors);
  const yearOk = checkYear(entry.year, `${at}/year`, errors);
  if (!isPlain(entry.source)) errors.push({ field: `${at}/source`, message: 'must be an object' });
  else {
    onlyKeys(entry.source, ['title', 'issuer', 'date', 'url'], `${at}/source`, errors);
    checkSource(entry.source, `${at}/source`, errors);
  }
  const days: LocatedDay[] = [];
  parseList(entry.holidays, `${at}/holidays`, errors, (item, itemAt) =>
    days.push(...holidayDays(item, itemAt, errors)),
  );
  parseList(entry.workingDays, `${at}/workingDays`, errors, (item, itemAt) => {
    onlyKeys(item, ['date', 'note'], itemAt, errors);
    if (!nonEmpty(item.note))
      errors.push({ field: `${itemAt}/note`, message: 'must be a non-empty string' });
    if (typeof item.date !== 'string' || !isIsoDate(item.date)) {
      errors.push({ field: `${itemAt}/date`, message: 'must be a date YYYY-MM-DD' });
      return;
    }
    days.push({
      date: item.date,
      kind: 'workday',
      name: nonEmpty(item.note) ? item.note : '',
      at: { field: `${itemAt}/date` },
    });
  });
  if (region === null || !yearOk || errors.length > before) return null;
  checkYearDays(region, entry.year as number, days, errors);
  if (errors.length > before) return null;
  return {
    region,
    year: entry.year as number,
    source: entry.source as CalendarYear['source'],
    days: withoutLocation(days),
  };
}

function parseList(
  value: unknown,
  at: string,
  errors: CalendarDataError[],
  each: (item: Plain, itemAt: string) => void,
): void {
  if (!Array.isArray(value)) {
    errors.push({ field: at, message: 'must be an array' });
    return;
  }
  value.forEach((item: unknown, index) => {
    const itemAt = `${at}/${index}`;
    if (!isPlain(item)) errors.push({ field: itemAt, message: 'must be an object' });
    else each(item, itemAt);
  });
}

/** One holiday entry: `date`, or `from`..`to` inclusive, with a `{ zh, en }` name. */
function holidayDays(item: Plain, at: string, errors: CalendarDataError[]): LocatedDay[] {
  onlyKeys(item, ['date', 'from', 'to', 'name'], at, errors);
  let name: { zh: string; en?: string } | null = null;
  if (!isPlain(item.name) || !nonEmpty(item.name.zh)) {
    errors.push({ field: `${at}/name/zh`, message: 'must be a non-empty string' });
  } else if (item.name.en !== undefined && !nonEmpty(item.name.en)) {
    errors.push({ field: `${at}/name/en`, message: 'must be a non-empty string' });
  } else {
    onlyKeys(item.name, ['zh', 'en'], `${at}/name`, errors);
    name = { zh: item.name.zh, ...(nonEmpty(item.name.en) ? { en: item.name.en } : {}) };
  }
  const dateOf = (key: 'date' | 'from' | 'to'): string | null => {
    const value = item[key];
    if (typeof value === 'string' && isIsoDate(value)) return value;
    errors.push({ field: `${at}/${key}`, message: 'must be a date YYYY-MM-DD' });
    return null;
  };
  let range: [string, string] | null = null;
  if (item.date !== undefined) {
    if (item.from !== undefined || item.to !== undefined) {
      errors.push({ field: `${at}/date`, message: 'give either date or from/to, not both' });
      return [];
    }
    const date = dateOf('date');
    if (date) range = [date, date];
  } else {
    const from = dateOf('from');
    const to = dateOf('to');
    if (from && to) {
      if (to < from)
        errors.push({ field: `${at}/to`, message: `must not be before from (${from})` });
      else if (addCalendarDays(from, MAX_HOLIDAY_SPAN_DAYS) <= to) {
        errors.push({
          field: `${at}/to`,
          message: `a holiday spans at most ${MAX_HOLIDAY_SPAN_DAYS} days`,
        });
      } else range = [from, to];
    }
  }
  if (!range || !name) return [];
  const days: LocatedDay[] = [];
  const field = item.date !== undefined ? `${at}/date` : `${at}/from`;
  for (let date = range[0]; date <= range[1]; date = addCalendarDays(date, 1)) {
    days.push({
      date,
      kind: 'holiday',
      name: name.zh,
      ...(name.en ? { nameEn: name.en } : {}),
      at: { field },
    });
  }
  return days;
}
