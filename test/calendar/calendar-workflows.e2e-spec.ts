import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CalendarDayEntity, CalendarYearEntity, dataSourceOptions } from '@onevisit/persistence';
import { checkWorkflows } from '../../apps/api/src/cli/workflows-check.js';
import { publishWorkflows } from '../../apps/api/src/cli/workflows-publish.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';

describe('calendar files in the workflows CLIs', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase('calendar_cli');
    dataSource = new DataSource(dataSourceOptions(db.database));
    await dataSource.initialize();
  }, 60_000);
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  }, 60_000);

  it('checks the shipped calendar files and names the file and pointer of a broken one', async () => {
    expect((await checkWorkflows(WORKFLOWS_ROOT)).summary).toMatch(/calendar CN 2025, CN 2026$/);
    const copy = join(mkdtempSync(join(tmpdir(), 'onevisit-cal-')), 'workflows');
    try {
      cpSync(WORKFLOWS_ROOT, copy, { recursive: true });
      const file = join(copy, 'calendar', 'cn-2026.json');
      const plain = JSON.parse(readFileSync(file, 'utf8')) as {
        years: { workingDays: { date: string }[] }[];
      };
      const first = plain.years[0]?.workingDays[0];
      if (first) first.date = '2026-01-05'; // a Monday: no make-up day
      writeFileSync(file, JSON.stringify(plain));
      const { errors } = await checkWorkflows(copy);
      expect(errors).toEqual([
        {
          file: 'workflows/calendar/cn-2026.json',
          pointer: '/years/0/workingDays/0/date',
          code: 'calendar',
          message:
            '2026-01-05 is a weekday: a make-up working day (调休) falls on a Saturday or Sunday',
        },
      ]);
    } finally {
      rmSync(join(copy, '..'), { recursive: true, force: true });
    }
  }, 60_000);

  it('publish loads the years the database lacks and never replaces a loaded one', async () => {
    const first = await publishWorkflows(dataSource, WORKFLOWS_ROOT, 'cli:test');
    expect(first.lines).toEqual(
      expect.arrayContaining(['calendar CN 2025: loaded', 'calendar CN 2026: loaded']),
    );
    const days = dataSource.getRepository(CalendarDayEntity);
    // 2025: 1 + 8 + 3 + 5 + 3 + 8 holidays, 5 make-up days; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7, 6.
    expect(await days.countBy({ year: 2025 })).toBe(33);
    expect(await days.countBy({ year: 2026 })).toBe(39);

    await days.delete({ region: 'CN', date: '2026-10-10' }); // an admin's edit, say
    const second = await publishWorkflows(dataSource, WORKFLOWS_ROOT, 'cli:test');
    expect(second.lines).toEqual(
      expect.arrayContaining([
        'calendar CN 2025: already loaded, kept',
        'calendar CN 2026: already loaded, kept',
      ]),
    );
    expect(await days.countBy({ year: 2026 })).toBe(38);
    const year = await dataSource.getRepository(CalendarYearEntity).findOneByOrFail({
      region: 'CN',
      year: 2026,
    });
    expect(year.source).toMatchObject({ date: '2025-11-04' });
    expect(year.loadedBy).toBe('cli:test (cn-2026.json)');
  }, 60_000);
});
