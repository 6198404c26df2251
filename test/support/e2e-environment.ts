/**
 * Runs before every end-to-end test file (jest `setupFiles`).
 *
 * Due dates cross into years that no official notice covers yet (today + 20 working days
 * may be next year), and the engine rightly refuses to guess them. So that the suite
 * does not start failing on a calendar date, tests count on the shipped years plus
 * SYNTHETIC years (Monday–Friday, no holidays) up to next year, clearly labelled as test
 * data. Tests about a missing year point `CALENDAR_DIR` at the shipped files themselves.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

const SHIPPED = join(process.cwd(), 'workflows', 'calendar');
const TEST_CALENDARS = join(process.cwd(), 'var', 'test-calendar');

function shippedYears(): number[] {
  return readdirSync(SHIPPED)
    .filter((file) => /^cn-\d{4}\.json$/.test(file))
    .flatMap((file) => {
      const data = JSON.parse(readFileSync(join(SHIPPED, file), 'utf8')) as {
        years: { year: number }[];
      };
      return data.years.map((entry) => entry.year);
    });
}

function syntheticYear(year: number): object {
  return {
    region: 'CN',
    years: [
      {
        year,
        source: {
          title: `Synthetic test calendar ${year}: Monday–Friday, no public holidays (test data, not an official arrangement)`,
          issuer: 'OneVisit test suite',
          date: `${year - 1}-01-01`,
        },
        holidays: [],
        workingDays: [],
      },
    ],
  };
}

if (!process.env.CALENDAR_DIR) {
  mkdirSync(TEST_CALENDARS, { recursive: true });
  for (const file of readdirSync(SHIPPED).filter((name) => name.endsWith('.json'))) {
    copyFileSync(join(SHIPPED, file), join(TEST_CALENDARS, file));
  }
  const shipped = new Set(shippedYears());
  const last = Math.max(...shipped, new Date().getUTCFullYear() + 1);
  for (let year = Math.min(...shipped); year <= last; year++) {
    const file = join(TEST_CALENDARS, `test-${year}.json`);
    if (!shipped.has(year) && !existsSync(file)) {
      writeFileSync(file, JSON.stringify(syntheticYear(year), null, 2));
    }
  }
  process.env.CALENDAR_DIR = TEST_CALENDARS;
}
