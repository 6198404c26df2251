import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CalendarGapError,
  CalendarService,
  calendarDateOf,
  calendarDaysBetween,
  type CalendarChange,
} from '@onevisit/calendar';
import { type CaseView, WorkingTime } from '@onevisit/engine';
import { CalendarDayEntity, CalendarYearEntity, CaseItemEntity } from '@onevisit/persistence';
import { type CaseApp, RESTAURANT_ANSWERS, startCaseApp } from '../cases/case-fixtures.js';
import { WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';

/** Made-up days for a year no notice has covered yet: test data, not an arrangement. */
// This file is about a year with no data: count on the shipped files alone, not on the
// synthetic test years that the e2e environment adds (see test/support/e2e-environment.ts).
process.env.CALENDAR_DIR = join(process.cwd(), 'workflows', 'calendar');

const TEST_2027_CSV = [
  'date,kind,name',
  '2027-01-01,holiday,元旦（测试数据 test data）',
  '2027-01-04,holiday,测试假日 (test holiday)',
  '2027-01-09,workday,测试补班 (test make-up day)',
].join('\n');

const TEST_SOURCE = {
  region: 'CN',
  year: '2027',
  sourceTitle: '测试数据 (test data, not an official notice)',
  sourceIssuer: 'e2e',
  sourceDate: '2026-11-01',
};

/** Booting, seeding and a case flow take seconds on a loaded machine; jest's default is 5 s. */
const TIMEOUT_MS = 60_000;

const ANSWERS = {
  ...RESTAURANT_ANSWERS,
  companyName: '老王面馆有限公司',
  companyType: 'limited-liability',
  registeredCapital: 100000,
  businessScope: '餐饮服务',
  businessAddress: '北京市东城区一号',
  legalRepresentativeName: '王五',
  legalRepresentativeIdNumber: '11010519491231002X',
  foodBusinessFormat: 'catering',
  cateringCategory: 'hot-food',
  foodSafetyManagerName: '赵六',
};

describe('calendar admin API and the engine', () => {
  let c: CaseApp;
  let admin: string;
  const changes: CalendarChange[] = [];
  const time = () => c.t.app.get(WorkingTime);
  const calendars = () => c.t.app.get(CalendarService);
  // Thu 2026-12-24 + 10 working days runs into 2027.
  const dueAcrossNewYear = () => time().calendar.addWorkingDays('2026-12-24', 10);

  const asAdmin = (method: 'post' | 'put' | 'delete', path: string) =>
    c.http()[method](path).auth(admin, { type: 'bearer' });

  beforeAll(async () => {
    c = await startCaseApp('calendar');
    admin = await c.t.token({ sub: 'admin-1', roles: ['admin'] });
    calendars().onCalendarChanged((change) => {
      changes.push(change);
    });
  }, TIMEOUT_MS);
  afterAll(() => c.close());

  it(
    'loads the shipped national years on first boot, with their notices, for any staff',
    async () => {
      const response = await c.get('clerk', '/calendar/CN/years').expect(200);
      const body = response.body as {
        years: { year: number; kind: string; source: { title: string; date: string } }[];
        warning: { missingYears: number[]; horizonDays: number };
      };
      expect(body.years.map((y) => y.year)).toEqual([2025, 2026]);
      // Both come from the State Council's notices.
      expect(body.years.map((y) => y.kind)).toEqual(['official', 'official']);
      expect(body.years[0]?.source).toMatchObject({
        title: '国务院办公厅关于2025年部分节假日安排的通知',
        date: '2024-11-12',
      });
      expect(body.years[1]?.source.date).toBe('2025-11-04');
      expect(body.warning.horizonDays).toBe(60);

      const days = await c.get('supervisor', '/calendar/CN/years/2026/days').expect(200);
      const listed = (days.body as { days: { date: string; kind: string }[] }).days;
      expect(listed.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual([
        '2026-01-04',
        '2026-02-14',
        '2026-02-28',
        '2026-05-09',
        '2026-09-20',
        '2026-10-10',
      ]);
      await c.get('applicant', '/calendar/CN/years').expect(403);
    },
    TIMEOUT_MS,
  );

  it(
    'refuses a due date in a year without data with 409, in the engine and over HTTP',
    async () => {
      expect(dueAcrossNewYear).toThrow(CalendarGapError);
      expect(dueAcrossNewYear).toThrow('no calendar for 2027');
      const response = await c.get('clerk', '/calendar/CN/due?from=2026-12-24&days=10').expect(409);
      expect(response.body).toMatchObject({ message: 'no calendar for 2027', year: 2027 });
    },
    TIMEOUT_MS,
  );

  it(
    'rejects a bad CSV with 400 naming line and field, writing nothing',
    async () => {
      const bad = `${TEST_2027_CSV}\n2027-02-01,rest,春节\n2027-02-30,holiday,春节\n`;
      const before = await c.t.dataSource.getRepository(CalendarDayEntity).count();
      const response = await asAdmin('post', '/admin/calendar/import')
        .query(TEST_SOURCE)
        .set('Content-Type', 'text/csv')
        .send(bad)
        .expect(400);
      expect((response.body as { errors: unknown[] }).errors).toEqual([
        { field: 'kind', line: 5, message: '"rest" is not one of holiday, workday' },
        { field: 'date', line: 6, message: '"2027-02-30" is not a date YYYY-MM-DD' },
      ]);
      expect(await c.t.dataSource.getRepository(CalendarDayEntity).count()).toBe(before);
      expect(await c.t.dataSource.getRepository(CalendarYearEntity).countBy({ year: 2027 })).toBe(
        0,
      );
      expect(dueAcrossNewYear).toThrow('no calendar for 2027');

      const missing = await asAdmin('post', '/admin/calendar/import')
        .query({ ...TEST_SOURCE, sourceTitle: undefined })
        .set('Content-Type', 'text/csv')
        .send(TEST_2027_CSV)
        .expect(400);
      expect((missing.body as { errors: { field: string }[] }).errors[0]?.field).toBe(
        'sourceTitle',
      );
      await c
        .http()
        .post('/admin/calendar/import')
        .auth(c.tokens.clerk, { type: 'bearer' })
        .query(TEST_SOURCE)
        .set('Content-Type', 'text/csv')
        .send(TEST_2027_CSV)
        .expect(403);
    },
    TIMEOUT_MS,
  );

  it(
    'imports a year from CSV, and the engine counts on it at once',
    async () => {
      const response = await asAdmin('post', '/admin/calendar/import')
        .query(TEST_SOURCE)
        .set('Content-Type', 'text/csv')
        .send(TEST_2027_CSV)
        .expect(201);
      expect(response.body).toMatchObject({
        years: [{ region: 'CN', year: 2027, days: 3 }],
        change: { reason: 'import', regions: ['CN'], years: [2027], from: '2027-01-01' },
      });
      expect(changes.at(-1)).toMatchObject({ reason: 'import', years: [2027] });
      // Fri Dec 25, Mon 28 – Thu 31 (5); Jan 1 and Mon Jan 4 holidays; Tue 5 – Fri 8 (9);
      // Sat Jan 9 is the make-up day (10).
      expect(dueAcrossNewYear()).toBe('2027-01-09');
      const due = await c.get('market', '/calendar/CN/due?from=2026-12-24&days=10');
      expect(due.body).toMatchObject({ due: '2027-01-09' });
    },
    TIMEOUT_MS,
  );

  it(
    'puts and deletes one day; listeners hear of each change',
    async () => {
      const put = await asAdmin('put', '/admin/calendar/CN/days/2026-12-28')
        .send({ kind: 'holiday', name: '测试假日', nameEn: 'test holiday' })
        .expect(200);
      expect(put.body).toMatchObject({ change: { reason: 'day', from: '2026-12-28' } });
      expect(changes.at(-1)).toEqual({
        reason: 'day',
        regions: ['CN'],
        years: [2026],
        from: '2026-12-28',
      });
      expect(dueAcrossNewYear()).toBe('2027-01-11');

      await asAdmin('delete', '/admin/calendar/CN/days/2026-12-28').expect(204);
      expect(dueAcrossNewYear()).toBe('2027-01-09');
      await asAdmin('delete', '/admin/calendar/CN/days/2026-12-28').expect(404);

      const weekdayMakeUp = await asAdmin('put', '/admin/calendar/CN/days/2026-12-30')
        .send({ kind: 'workday', name: '补班' })
        .expect(400);
      expect((weekdayMakeUp.body as { errors: { field: string }[] }).errors[0]?.field).toBe('date');
      const unknownYear = await asAdmin('put', '/admin/calendar/CN/days/2029-01-02')
        .send({ kind: 'holiday', name: '测试' })
        .expect(409);
      expect((unknownYear.body as { message: string }).message).toMatch(/^no calendar for 2029/);
      await asAdmin('put', '/admin/calendar/CN/days/2026-12-28')
        .send({ kind: 'holiday', name: '测试', extra: 1 })
        .expect(400);
    },
    TIMEOUT_MS,
  );

  it(
    'imports a regional layer from a multipart JSON file, on top of the national calendar',
    async () => {
      const file = {
        region: 'CN-110101',
        years: [
          {
            year: 2027,
            source: { title: '区测试通知 (test data)', issuer: 'e2e', date: '2026-11-02' },
            holidays: [{ date: '2027-01-07', name: { zh: '区测试日', en: 'district test day' } }],
            workingDays: [],
          },
        ],
      };
      await asAdmin('post', '/admin/calendar/import')
        .attach('file', Buffer.from(JSON.stringify(file)), {
          filename: 'cn-110101-2027.json',
          contentType: 'application/json',
        })
        .expect(201);
      const regional = await c.get('clerk', '/calendar/CN-110101/due?from=2026-12-24&days=10');
      expect(regional.body).toMatchObject({ due: '2027-01-11' });
      const national = await c.get('clerk', '/calendar/CN/due?from=2026-12-24&days=10');
      expect(national.body).toMatchObject({ due: '2027-01-09' });

      // A CSV upload with its context as form fields adds a 2026 day to the same layer.
      await asAdmin('post', '/admin/calendar/import')
        .field({ ...TEST_SOURCE, region: 'CN-110101', year: '2026' })
        .attach('file', Buffer.from('date,kind,name\n2026-12-29,holiday,区测试日\n'), {
          filename: 'cn-110101-2026.csv',
          contentType: 'text/csv',
        })
        .expect(201);
      const both = await c.get('clerk', '/calendar/CN-110101/due?from=2026-12-24&days=10');
      expect(both.body).toMatchObject({ due: '2027-01-12' });
      const years = await c.get('clerk', '/calendar/CN-110101/years').expect(200);
      expect((years.body as { years: { year: number }[] }).years.map((y) => y.year)).toEqual([
        2026, 2027,
      ]);
    },
    TIMEOUT_MS,
  );

  it(
    'warns ahead of a missing year',
    async () => {
      const today = calendarDateOf(new Date());
      const untilNextMissing = calendarDaysBetween(today, '2028-01-01');
      const quiet = await c.get('clerk', `/calendar/warnings?days=${untilNextMissing - 1}`);
      expect(quiet.body).toMatchObject({ missingYears: [], message: null });
      const loud = await c.get('clerk', `/calendar/warnings?days=${untilNextMissing}`);
      expect(loud.body).toMatchObject({ missingYears: [2028] });
      expect((loud.body as { message: string }).message).toMatch(/^no calendar for 2028/);
    },
    TIMEOUT_MS,
  );

  it(
    'refuses acceptance with 409 when this year has no data, and accepts once it is imported',
    async () => {
      const year = Number(calendarDateOf(new Date()).slice(0, 4));
      await c.t.dataSource.getRepository(CalendarDayEntity).delete({ region: 'CN', year });
      await c.t.dataSource.getRepository(CalendarYearEntity).delete({ region: 'CN', year });
      expect(await calendars().refreshIfChanged()).toBe(true);
      expect(changes.at(-1)?.reason).toBe('reload');

      const started = await c.start(ANSWERS);
      const refused = await c
        .post('clerk', `/cases/${started.id}/intake`, { decision: 'accept' })
        .expect(409);
      expect(refused.body).toMatchObject({ message: `no calendar for ${year}` });
      const still = await c.get('clerk', `/cases/${started.id}`).expect(200);
      expect(still.body).toMatchObject({ status: 'intake', version: 1 });

      const shipped: unknown = JSON.parse(
        readFileSync(join(WORKFLOWS_ROOT, 'calendar', `cn-${year}.json`), 'utf8'),
      );
      await asAdmin('post', '/admin/calendar/import')
        .send(shipped as object)
        .expect(201);
      const accepted = await c
        .post('clerk', `/cases/${started.id}/intake`, { decision: 'accept' })
        .expect(200);
      const items = (accepted.body as CaseView).items;
      const rows = await c.t.dataSource
        .getRepository(CaseItemEntity)
        .findBy({ caseId: started.id });
      const startedRow = rows.find((row) => row.startedAt !== null && row.dueDate !== null);
      expect(startedRow).toBeDefined();
      if (!startedRow?.startedAt) return;
      const limit = calendars()
        .current()
        .workingDaysBetween(startedRow.startedAt, startedRow.dueDate as string);
      expect(limit).toBeGreaterThan(0);
      expect(time().dueDate(startedRow.startedAt, limit)).toBe(startedRow.dueDate);
      expect(items.length).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );
});
