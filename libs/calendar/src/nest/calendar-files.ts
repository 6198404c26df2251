import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCalendarFile } from '../data/calendar-file.parser.js';
import {
  type CalendarDataError,
  type CalendarYear,
  formatCalendarDataError,
} from '../data/calendar-year.js';

export interface CalendarFileResult {
  file: string;
  years: CalendarYear[];
  errors: CalendarDataError[];
}

/**
 * Reads and checks every calendar file (`*.json` but the schema) of a directory, sorted
 * by name. A missing directory is no files; an unreadable or invalid file reports errors.
 */
export async function readCalendarFiles(dir: string): Promise<CalendarFileResult[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const results: CalendarFileResult[] = [];
  for (const name of names
    .filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json'))
    .sort()) {
    let plain: unknown;
    try {
      plain = JSON.parse(await readFile(join(dir, name), 'utf8'));
    } catch (error) {
      results.push({
        file: name,
        years: [],
        errors: [{ field: '', message: (error as Error).message }],
      });
      continue;
    }
    const parsed = parseCalendarFile(plain);
    results.push(
      parsed.ok
        ? { file: name, years: parsed.years, errors: [] }
        : { file: name, years: [], errors: parsed.errors },
    );
  }
  return results;
}

/** `cn-2025.json#/years/0/holidays/1/to: must not be before from`. */
export function formatCalendarFileError(file: string, error: CalendarDataError): string {
  return `${file}#${formatCalendarDataError(error)}`;
}
