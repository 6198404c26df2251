import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { CalendarDayEntity, CalendarYearEntity } from '@onevisit/persistence';
import type { WorkingDayOptions, WorkingCalendar } from '../working-calendar.js';
import { HolidayCalendar } from '../holiday-calendar.js';
import { CalendarGapError } from '../calendar-gap.error.js';
import { type CalendarDay, type CalendarYear, NATIONAL_REGION } from '../data/calendar-year.js';
import type { CalendarChange, CalendarChangeListener } from './calendar-change.js';
import { formatCalendarFileError, readCalendarFiles } from './calendar-files.js';
import { CALENDAR_SETTINGS, type CalendarSettings } from './calendar-settings.js';
import { CalendarStore } from './calendar.store.js';

/** A warning that data for a coming year is missing. */
export interface CalendarWarning {
  today: string;
  horizonDays: number;
  missingYears: number[];
  message: string | null;
}

/**
 * The working-day calendar of this process, built from the database and cached.
 *
 * - `live` is the `WorkingCalendar` the engine counts on: it always answers from the
 *   latest build, so a change is visible to the next due date without a restart.
 * - `onCalendarChanged(listener)` subscribes to changes (imports, edited days, and
 *   changes another process made, noticed by the periodic re-read). Listeners run after
 *   the change is committed and the calendar rebuilt, one after another; a failing
 *   listener is logged and does not undo the change. Use it to recompute stored due
 *   dates on or after `change.from`. It returns a function that unsubscribes.
 * - A date in a year without national data throws `CalendarGapError`; nothing guesses.
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CalendarService.name);
  private readonly listeners = new Set<CalendarChangeListener>();
  private calendars = new Map<string, HolidayCalendar>();
  private national: CalendarYear[] = [];
  private regional = new Map<string, CalendarYear[]>();
  private yearRows: CalendarYearEntity[] = [];
  private fingerprint = '';
  private timer: NodeJS.Timeout | null = null;

  /** The engine's calendar: the current build for the configured region, looked up per call. */
  readonly live: WorkingCalendar;

  constructor(
    private readonly store: CalendarStore,
    @Inject(CALENDAR_SETTINGS) readonly settings: CalendarSettings,
  ) {
    this.live = new LiveCalendar(() => this.current());
  }

  async onModuleInit(): Promise<void> {
    await this.seedIfEmpty();
    await this.reload();
    const warning = this.warning();
    if (warning.message) this.logger.warn(warning.message);
    if (this.settings.refreshMs > 0) {
      this.timer = setInterval(() => void this.refreshIfChanged(), this.settings.refreshMs);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  onCalendarChanged(listener: CalendarChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The calendar of the configured region. */
  current(): HolidayCalendar {
    return this.calendarFor(this.settings.region);
  }

  /** The national calendar with the layer of `region` on top (built once per data version). */
  calendarFor(region: string): HolidayCalendar {
    let calendar = this.calendars.get(region);
    if (!calendar) {
      calendar = new HolidayCalendar({
        national: this.national,
        regional: region === NATIONAL_REGION ? [] : (this.regional.get(region) ?? []),
        region,
      });
      this.calendars.set(region, calendar);
    }
    return calendar;
  }

  years(region: string): CalendarYearEntity[] {
    return this.yearRows.filter((row) => row.region === region);
  }

  /** Years touched by the next `horizonDays` that have no national data. */
  warning(today: Date = new Date(), horizonDays = this.settings.warnDays): CalendarWarning {
    const calendar = this.current();
    const date = calendar.dateOf(today);
    const missingYears = calendar.missingYearsAhead(date, horizonDays);
    return {
      today: date,
      horizonDays,
      missingYears,
      message:
        missingYears.length === 0
          ? null
          : `no calendar for ${missingYears.join(', ')} within ${horizonDays} days of ${date}: ` +
            'import the official holiday arrangement, or due dates in it will be refused',
    };
  }

  /** Replaces whole years, then rebuilds and tells the listeners. */
  async importYears(years: readonly CalendarYear[], actor: string): Promise<CalendarChange> {
    await this.store.replaceYears(years, actor);
    const change: CalendarChange = {
      reason: 'import',
      regions: [...new Set(years.map((year) => year.region))],
      years: [...new Set(years.map((year) => year.year))].sort((a, b) => a - b),
      from: `${Math.min(...years.map((year) => year.year))}-01-01`,
    };
    await this.reload(change);
    return change;
  }

  async putDay(region: string, day: CalendarDay, actor: string): Promise<CalendarChange> {
    this.requireNationalYear(day.date);
    await this.store.putDay(region, day, actor);
    return this.changedDay(region, day.date);
  }

  /** False when the day was not listed. */
  async deleteDay(region: string, date: string, actor: string): Promise<CalendarChange | null> {
    this.requireNationalYear(date);
    if (!(await this.store.deleteDay(region, date, actor))) return null;
    return this.changedDay(region, date);
  }

  /** Re-reads the tables when another process changed them; listeners hear of it. */
  async refreshIfChanged(): Promise<boolean> {
    try {
      if ((await this.store.fingerprint()) === this.fingerprint) return false;
      const years = this.yearRows.map((row) => row.year);
      await this.reload({
        reason: 'reload',
        regions: [...new Set(this.yearRows.map((row) => row.region))],
        years: [...new Set(years)].sort((a, b) => a - b),
        from: `${years.length > 0 ? Math.min(...years) : new Date().getUTCFullYear()}-01-01`,
      });
      return true;
    } catch (error) {
      this.logger.error(`calendar re-read failed: ${(error as Error).message}`);
      return false;
    }
  }

  private requireNationalYear(date: string): void {
    const year = Number(date.slice(0, 4));
    if (!this.national.some((entry) => entry.year === year)) {
      throw new ConflictException(
        `${new CalendarGapError(year, NATIONAL_REGION).message}: import the national year before editing its days`,
      );
    }
  }

  private async changedDay(region: string, date: string): Promise<CalendarChange> {
    const change: CalendarChange = {
      reason: 'day',
      regions: [region],
      years: [Number(date.slice(0, 4))],
      from: date,
    };
    await this.reload(change);
    return change;
  }

  private async reload(change?: CalendarChange): Promise<void> {
    const fingerprint = await this.store.fingerprint();
    const { years, days } = await this.store.loadAll();
    const built = buildYears(years, days);
    this.yearRows = years;
    this.national = built.get(NATIONAL_REGION) ?? [];
    built.delete(NATIONAL_REGION);
    this.regional = built;
    this.calendars = new Map();
    this.fingerprint = fingerprint;
    if (change) await this.notify(change);
  }

  private async notify(change: CalendarChange): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch (error) {
        this.logger.error(`calendar change listener failed: ${(error as Error).message}`);
      }
    }
  }

  /** First boot: an empty calendar is loaded from the shipped files, so due dates work at once. */
  private async seedIfEmpty(): Promise<void> {
    if (!(await this.store.isEmpty())) return;
    const files = await readCalendarFiles(this.settings.dataDir);
    const invalid = files.flatMap((file) =>
      file.errors.map((e) => formatCalendarFileError(file.file, e)),
    );
    if (invalid.length > 0) throw new Error(`calendar files invalid:\n${invalid.join('\n')}`);
    try {
      for (const file of files) await this.store.replaceYears(file.years, `seed:${file.file}`);
    } catch (error) {
      // Another process seeding the same empty database at the same moment: its rows win.
      if (await this.store.isEmpty()) throw error;
      return;
    }
    if (files.length > 0) {
      this.logger.log(`calendar loaded from ${files.map((file) => file.file).join(', ')}`);
    }
  }
}

function buildYears(
  years: readonly CalendarYearEntity[],
  days: readonly CalendarDayEntity[],
): Map<string, CalendarYear[]> {
  const byKey = new Map<string, CalendarYear>();
  const byRegion = new Map<string, CalendarYear[]>();
  for (const row of years) {
    const year: CalendarYear = { region: row.region, year: row.year, source: row.source, days: [] };
    byKey.set(`${row.region}|${row.year}`, year);
    byRegion.set(row.region, [...(byRegion.get(row.region) ?? []), year]);
  }
  for (const row of days) {
    const day: CalendarDay = { date: row.date, kind: row.kind, name: row.name };
    if (row.nameEn) day.nameEn = row.nameEn;
    byKey.get(`${row.region}|${row.year}`)?.days.push(day);
  }
  return byRegion;
}

/** A `WorkingCalendar` that asks for the current build on every call. */
class LiveCalendar implements WorkingCalendar {
  constructor(private readonly current: () => HolidayCalendar) {}

  get timeZone(): string {
    return this.current().timeZone;
  }

  isWorkingDay(date: string): boolean {
    return this.current().isWorkingDay(date);
  }

  addWorkingDays(from: Date | string, days: number, options?: WorkingDayOptions): string {
    return this.current().addWorkingDays(from, days, options);
  }

  workingDaysBetween(a: Date | string, b: Date | string, options?: WorkingDayOptions): number {
    return this.current().workingDaysBetween(a, b, options);
  }
}
