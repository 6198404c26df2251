import { BaseWorkingCalendar, type CalendarOptions } from './base-working-calendar.js';
import { addCalendarDays, assertIsoDate, dayOfWeek } from './calendar-date.js';
import { CalendarGapError } from './calendar-gap.error.js';
import {
  type CalendarDay,
  type CalendarDayKind,
  type CalendarYear,
  NATIONAL_REGION,
} from './data/calendar-year.js';

export interface HolidayCalendarData {
  /** The national years (region `CN`): they decide which years are known at all. */
  national: readonly CalendarYear[];
  /**
   * Days of one region on top of the national calendar: a local holiday, or a local
   * working day. A regional day replaces the national entry for the same date.
   */
  regional?: readonly CalendarYear[];
  /** The region this calendar is for; `CN` when there is no regional layer. */
  region?: string;
}

/** How one date counts, and why. */
export interface CalendarDayInfo {
  date: string;
  working: boolean;
  /** `holiday` / `workday` (make-up) when listed, else `weekend` / `weekday`. */
  kind: CalendarDayKind | 'weekend' | 'weekday';
  name: string | null;
  nameEn: string | null;
  /** The region whose data listed the day; null for plain weekdays and weekends. */
  listedBy: string | null;
}

interface ListedDay extends CalendarDay {
  region: string;
}

/**
 * The official working-day calendar: Monday to Friday, minus public holidays, plus
 * make-up working days (调休), per loaded year. A date in a year with no national data
 * throws `CalendarGapError` ("no calendar for 2027") instead of guessing.
 */
export class HolidayCalendar extends BaseWorkingCalendar {
  readonly region: string;
  private readonly years: ReadonlySet<number>;
  private readonly listed = new Map<string, ListedDay>();

  constructor(data: HolidayCalendarData, options: CalendarOptions = {}) {
    super(options);
    this.region = data.region ?? NATIONAL_REGION;
    for (const year of data.national) {
      if (year.region !== NATIONAL_REGION) {
        throw new RangeError(
          `national years must be of region ${NATIONAL_REGION}, got ${year.region}`,
        );
      }
    }
    this.years = new Set(data.national.map((year) => year.year));
    // National first, regional after: a regional day wins on the same date.
    for (const year of [...data.national, ...(data.regional ?? [])]) {
      for (const day of year.days) this.listed.set(day.date, { ...day, region: year.region });
    }
  }

  /** The years with national data, ascending. */
  get loadedYears(): number[] {
    return [...this.years].sort((a, b) => a - b);
  }

  isWorkingDay(date: string): boolean {
    return this.dayInfo(date).working;
  }

  dayInfo(date: string): CalendarDayInfo {
    assertIsoDate(date);
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) throw new CalendarGapError(year, this.region);
    const listed = this.listed.get(date);
    if (listed) {
      return {
        date,
        working: listed.kind === 'workday',
        kind: listed.kind,
        name: listed.name,
        nameEn: listed.nameEn ?? null,
        listedBy: listed.region,
      };
    }
    const weekday = dayOfWeek(date);
    const weekend = weekday === 0 || weekday === 6;
    return {
      date,
      working: !weekend,
      kind: weekend ? 'weekend' : 'weekday',
      name: null,
      nameEn: null,
      listedBy: null,
    };
  }

  /**
   * The years touched by the `horizonDays` calendar days from `today` that have no data,
   * ascending: what admins must load before due dates start to fail.
   */
  missingYearsAhead(today: Date | string, horizonDays: number): number[] {
    if (!Number.isSafeInteger(horizonDays) || horizonDays < 0) {
      throw new RangeError(`horizon must be a whole number of days ≥ 0, got ${horizonDays}`);
    }
    const from = typeof today === 'string' ? today : this.dateOf(today);
    assertIsoDate(from);
    const until = addCalendarDays(from, horizonDays);
    const missing: number[] = [];
    for (let year = Number(from.slice(0, 4)); year <= Number(until.slice(0, 4)); year += 1) {
      if (!this.years.has(year)) missing.push(year);
    }
    return missing;
  }
}
