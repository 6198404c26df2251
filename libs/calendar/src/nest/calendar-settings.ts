import { join } from 'node:path';
import { NATIONAL_REGION } from '../data/calendar-year.js';
import { REGION_PATTERN } from '../data/calendar-year-check.js';

export interface CalendarSettings {
  /** Warn when a year within this many days has no data (`CALENDAR_WARN_DAYS`, default 60). */
  warnDays: number;
  /** The region whose calendar the engine counts on (`CALENDAR_REGION`, default `CN`). */
  region: string;
  /** Calendar files loaded into an empty database at boot (`CALENDAR_DIR`, default workflows/calendar). */
  dataDir: string;
  /**
   * How often a process re-reads the calendar to see changes made by another process
   * (`CALENDAR_REFRESH_MS`, default 60000; 0 turns it off). Changes made through this
   * process's own service apply at once.
   */
  refreshMs: number;
}

export function calendarSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): CalendarSettings {
  const region = env.CALENDAR_REGION || NATIONAL_REGION;
  if (!REGION_PATTERN.test(region)) {
    throw new Error(`CALENDAR_REGION must be a region code such as CN or CN-110101, not ${region}`);
  }
  return {
    warnDays: wholeNumber(env, 'CALENDAR_WARN_DAYS', 60),
    region,
    dataDir: env.CALENDAR_DIR || join(process.cwd(), 'workflows', 'calendar'),
    refreshMs: wholeNumber(env, 'CALENDAR_REFRESH_MS', 60_000),
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number ≥ 0, not ${raw}`);
  }
  return value;
}

/** Injection token of the settings, so tests can provide their own. */
export const CALENDAR_SETTINGS = Symbol('CALENDAR_SETTINGS');
