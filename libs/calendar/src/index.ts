export type { WorkingCalendar, WorkingDayOptions } from './working-calendar.js';
export {
  BaseWorkingCalendar,
  DEFAULT_CLOSING_TIME,
  type CalendarOptions,
  type ClosingTimeRule,
} from './base-working-calendar.js';
export { WeekdayCalendar } from './weekday-calendar.js';
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
