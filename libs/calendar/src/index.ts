export type { WorkingCalendar, WorkingDayOptions } from './working-calendar.js';
export {
  BaseWorkingCalendar,
  DEFAULT_CLOSING_TIME,
  type CalendarOptions,
  type ClosingTimeRule,
} from './base-working-calendar.js';
export { WeekdayCalendar } from './weekday-calendar.js';
export {
  HolidayCalendar,
  type CalendarDayInfo,
  type HolidayCalendarData,
} from './holiday-calendar.js';
export { CalendarGapError } from './calendar-gap.error.js';
export * from './data/calendar-year.js';
export { REGION_PATTERN } from './data/calendar-year-check.js';
export { parseCalendarFile } from './data/calendar-file.parser.js';
export { parseCalendarDay } from './data/calendar-day.parser.js';
export {
  CALENDAR_CSV_COLUMNS,
  parseCalendarCsv,
  type CalendarCsvContext,
} from './data/calendar-csv.parser.js';
export { CALENDAR_FILE_SCHEMA } from './data/calendar-file.schema.js';
export {
  DEFAULT_TIME_ZONE,
  addCalendarDays,
  assertIsoDate,
  calendarDateOf,
  calendarDaysBetween,
  dayOfWeek,
  isIsoDate,
  parseClockTime,
  zonedDateTime,
  type ZonedDateTime,
} from './calendar-date.js';
// The NestJS service on the database; the files above stay free of framework imports.
export * from './nest/index.js';
