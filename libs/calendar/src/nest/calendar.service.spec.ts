import { Logger } from '@nestjs/common';
import type { CalendarDayEntity, CalendarYearEntity } from '@onevisit/persistence';
import type { CalendarDay, CalendarYear } from '../data/calendar-year.js';
import { CalendarGapError } from '../calendar-gap.error.js';
import { calendarSettingsFromEnv, type CalendarSettings } from './calendar-settings.js';
import type { CalendarChange } from './calendar-change.js';
import { CalendarService } from './calendar.service.js';
import type { CalendarStore } from './calendar.store.js';

/** The store's contract, kept in memory. */
class MemoryStore {
  years: CalendarYearEntity[] = [];
  days: CalendarDayEntity[] = [];
  private revision = 0;

  loadAll() {
    return Promise.resolve({ years: [...this.years], days: [...this.days] });
  }
  fingerprint() {
    return Promise.resolve(`${this.years.length}|${this.revision}`);
  }
  isEmpty() {
    return Promise.resolve(this.years.length === 0);
  }
  replaceYears(years: readonly CalendarYear[], actor: string) {
    for (const year of years) {
      this.drop(year.region, year.year);
      this.years.push({ ...year, loadedAt: new Date(), loadedBy: actor });
      for (const day of year.days) this.days.push(row(year.region, day));
    }
    this.revision += 1;
    return Promise.resolve();
  }
  putDay(region: string, day: CalendarDay) {
    this.days = this.days.filter((d) => !(d.region === region && d.date === day.date));
    this.days.push(row(region, day));
    this.revision += 1;
    return Promise.resolve();
  }
  deleteDay(region: string, date: string) {
    const before = this.days.length;
    this.days = this.days.filter((d) => !(d.region === region && d.date === date));
    this.revision += 1;
    return Promise.resolve(this.days.length < before);
  }
  private drop(region: string, year: number) {
    this.years = this.years.filter((y) => !(y.region === region && y.year === year));
    this.days = this.days.filter((d) => !(d.region === region && d.year === year));
  }
}

function row(region: string, day: CalendarDay): CalendarDayEntity {
  return { region, year: Number(day.date.slice(0, 4)), nameEn: null, source: 'test', ...day };
}

const SOURCE = { title: 'test data', issuer: 'unit test', date: '2026-01-01' };

describe('CalendarService', () => {
  const settings: CalendarSettings = {
    ...calendarSettingsFromEnv({}),
    dataDir: '/nonexistent',
    refreshMs: 0,
  };
  let store: MemoryStore;
  let service: CalendarService;

  // The warnings and listener errors are expected here; keep the test output readable.
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  beforeEach(async () => {
    store = new MemoryStore();
    service = new CalendarService(store as unknown as CalendarStore, settings);
    await service.onModuleInit();
  });

  it('answers with the latest data through `live`, and tells listeners, failing ones included', async () => {
    expect(() => service.live.isWorkingDay('2027-01-04')).toThrow(CalendarGapError);
    const heard: CalendarChange[] = [];
    service.onCalendarChanged(() => {
      throw new Error('a broken listener');
    });
    const unsubscribe = service.onCalendarChanged((change) => {
      heard.push(change);
    });

    await service.importYears([{ region: 'CN', year: 2027, source: SOURCE, days: [] }], 'admin');
    expect(service.live.isWorkingDay('2027-01-04')).toBe(true); // a Monday
    await service.putDay('CN', { date: '2027-01-04', kind: 'holiday', name: '测试' }, 'admin');
    expect(service.live.isWorkingDay('2027-01-04')).toBe(false);
    expect(service.live.addWorkingDays('2027-01-01', 1)).toBe('2027-01-05');
    expect(heard.map((change) => [change.reason, change.from])).toEqual([
      ['import', '2027-01-01'],
      ['day', '2027-01-04'],
    ]);

    unsubscribe();
    expect(await service.deleteDay('CN', '2027-01-04', 'admin')).not.toBeNull();
    expect(service.live.isWorkingDay('2027-01-04')).toBe(true);
    expect(heard).toHaveLength(2);
    expect(await service.deleteDay('CN', '2027-01-04', 'admin')).toBeNull();
  });

  it('refuses to edit a day of a year the national calendar does not have', async () => {
    await expect(
      service.putDay('CN-110101', { date: '2028-05-02', kind: 'holiday', name: '测试' }, 'admin'),
    ).rejects.toThrow('no calendar for 2028');
    expect(store.days).toEqual([]);
  });

  it('notices a change made by another process only when the data moved', async () => {
    expect(await service.refreshIfChanged()).toBe(false);
    await store.replaceYears([{ region: 'CN', year: 2027, source: SOURCE, days: [] }], 'other');
    expect(await service.refreshIfChanged()).toBe(true);
    expect(service.current().loadedYears).toEqual([2027]);
    expect(await service.refreshIfChanged()).toBe(false);
  });

  it('warns of the years missing within the horizon', async () => {
    await service.importYears([{ region: 'CN', year: 2027, source: SOURCE, days: [] }], 'admin');
    const warning = service.warning(new Date('2027-12-01T00:00:00Z'), 60);
    expect(warning).toMatchObject({ today: '2027-12-01', missingYears: [2028] });
    expect(warning.message).toMatch(/^no calendar for 2028 within 60 days of 2027-12-01/);
    expect(service.warning(new Date('2027-06-01T00:00:00Z'), 60).message).toBeNull();
  });
});

describe('calendarSettingsFromEnv', () => {
  it('reads defaults and refuses bad values', () => {
    expect(calendarSettingsFromEnv({})).toMatchObject({
      warnDays: 60,
      region: 'CN',
      refreshMs: 60000,
    });
    expect(
      calendarSettingsFromEnv({ CALENDAR_WARN_DAYS: '90', CALENDAR_REGION: 'CN-110101' }),
    ).toMatchObject({ warnDays: 90, region: 'CN-110101' });
    expect(() => calendarSettingsFromEnv({ CALENDAR_WARN_DAYS: 'soon' })).toThrow(
      'CALENDAR_WARN_DAYS must be a whole number',
    );
    expect(() => calendarSettingsFromEnv({ CALENDAR_REGION: 'beijing' })).toThrow(
      'CALENDAR_REGION',
    );
  });
});
