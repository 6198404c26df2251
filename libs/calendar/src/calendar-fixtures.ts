import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCalendarFile } from './data/calendar-file.parser.js';
import type { CalendarYear } from './data/calendar-year.js';

/** The shipped national calendar files, parsed: the data the unit tests count on. */
export function shippedNationalYears(): CalendarYear[] {
  return ['cn-2025.json', 'cn-2026.json'].flatMap((name) => {
    const plain: unknown = JSON.parse(
      readFileSync(join(process.cwd(), 'workflows', 'calendar', name), 'utf8'),
    );
    const result = parseCalendarFile(plain);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
    return result.years;
  });
}
