import { calendarDateOf, type WorkingCalendar } from '@onevisit/calendar';

export const BIZ = 'company-establishment-registration';
export const FOOD = 'food-operation-licence';

/** 10:00 (Beijing) on the working day from which `now` is `days` working days on. */
export function workingDaysAgo(calendar: WorkingCalendar, days: number, now = new Date()): Date {
  for (let back = 1; back < 60; back += 1) {
    const date = calendarDateOf(new Date(now.getTime() - back * 86_400_000), calendar.timeZone);
    const at = new Date(`${date}T10:00:00+08:00`);
    if (calendar.isWorkingDay(date) && calendar.workingDaysBetween(at, now) === days) return at;
  }
  throw new Error(`no working day ${days} working days before ${now.toISOString()}`);
}
