import { isIsoDate } from '../calendar-date.js';
import { checkRegion, checkYearDays } from './calendar-year-check.js';
import {
  CALENDAR_DAY_KINDS,
  type CalendarDataError,
  type CalendarDay,
  type CalendarDayKind,
} from './calendar-year.js';

/** One day entered by hand, checked by the same rules as a whole year. */
export function parseCalendarDay(
  region: string,
  date: string,
  input: { kind?: unknown; name?: unknown; nameEn?: unknown },
): { ok: true; day: CalendarDay } | { ok: false; errors: CalendarDataError[] } {
  const errors: CalendarDataError[] = [];
  checkRegion(region, 'region', errors);
  if (!isIsoDate(date)) errors.push({ field: 'date', message: 'must be a date YYYY-MM-DD' });
  if (!(CALENDAR_DAY_KINDS as readonly unknown[]).includes(input.kind)) {
    errors.push({ field: 'kind', message: `must be one of ${CALENDAR_DAY_KINDS.join(', ')}` });
  }
  if (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > 200) {
    errors.push({ field: 'name', message: 'must be a non-empty string of at most 200 characters' });
  }
  if (
    input.nameEn !== undefined &&
    (typeof input.nameEn !== 'string' || input.nameEn.trim() === '' || input.nameEn.length > 200)
  ) {
    errors.push({
      field: 'nameEn',
      message: 'must be a non-empty string of at most 200 characters',
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const day: CalendarDay = {
    date,
    kind: input.kind as CalendarDayKind,
    name: (input.name as string).trim(),
    ...(typeof input.nameEn === 'string' ? { nameEn: input.nameEn.trim() } : {}),
  };
  checkYearDays(region, Number(date.slice(0, 4)), [{ ...day, at: { field: 'date' } }], errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, day };
}
