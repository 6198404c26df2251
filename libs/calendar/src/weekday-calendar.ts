import { dayOfWeek } from './calendar-date.js';
import { BaseWorkingCalendar, type CalendarOptions } from './base-working-calendar.js';

/**
 * Monday to Friday are working days; nothing else is known. The stand-in until the
 * holiday calendar (public holidays and make-up working days, 调休) is loaded as data.
 * It knows neither, so its due dates are only approximate around holidays.
 */
export class WeekdayCalendar extends BaseWorkingCalendar {
  constructor(options: CalendarOptions = {}) {
    super(options);
  }

  isWorkingDay(date: string): boolean {
    const day = dayOfWeek(date);
    return day !== 0 && day !== 6;
  }
}
