import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CALENDAR_FILE_SCHEMA } from './calendar-file.schema.js';
import { parseCalendarFile } from './calendar-file.parser.js';

const SOURCE = { title: '测试通知', issuer: '测试机关', date: '2026-11-01' };

function file(year: object, region = 'CN') {
  return {
    region,
    years: [{ year: 2027, source: SOURCE, holidays: [], workingDays: [], ...year }],
  };
}

function errorsOf(plain: unknown) {
  const result = parseCalendarFile(plain);
  return result.ok ? [] : result.errors;
}

describe('parseCalendarFile', () => {
  it('expands holiday ranges into days with their names and keeps the source', () => {
    const result = parseCalendarFile(
      file({
        holidays: [
          { date: '2027-01-01', name: { zh: '元旦', en: "New Year's Day" } },
          { from: '2027-02-06', to: '2027-02-08', name: { zh: '春节' } },
        ],
        workingDays: [{ date: '2027-01-31', note: '春节调休上班' }],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [year] = result.years;
    expect(year).toMatchObject({ region: 'CN', year: 2027, source: SOURCE });
    expect(year?.days).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦', nameEn: "New Year's Day" },
      { date: '2027-01-31', kind: 'workday', name: '春节调休上班' },
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-07', kind: 'holiday', name: '春节' },
      { date: '2027-02-08', kind: 'holiday', name: '春节' },
    ]);
  });

  it('names the field of every structural problem at once', () => {
    const errors = errorsOf({
      region: 'china',
      extra: true,
      years: [
        {
          year: 2027,
          source: { title: '', date: '2026-13-01' },
          holidays: [{ from: '2027-02-08', to: '2027-02-06', name: { zh: '春节' } }, { name: {} }],
          workingDays: [{ date: '2027-02-30', note: 'x' }],
        },
      ],
    });
    expect(errors.map((error) => error.field).sort()).toEqual(
      [
        '/extra',
        '/region',
        '/years/0/source/title',
        '/years/0/source/issuer',
        '/years/0/source/date',
        '/years/0/holidays/0/to',
        '/years/0/holidays/1/name/zh',
        '/years/0/holidays/1/from',
        '/years/0/holidays/1/to',
        '/years/0/workingDays/0/date',
      ].sort(),
    );
  });

  it('rejects days outside the year, dates listed twice and weekday make-up days', () => {
    const errors = errorsOf(
      file({
        holidays: [
          { date: '2026-12-31', name: { zh: '错年' } },
          { from: '2027-05-01', to: '2027-05-03', name: { zh: '劳动节' } },
        ],
        workingDays: [
          { date: '2027-05-02', note: '重复' },
          { date: '2027-05-06', note: '周四' },
        ],
      }),
    );
    expect(errors).toEqual([
      { field: '/years/0/holidays/0/date', message: '2026-12-31 is not in 2027' },
      {
        field: '/years/0/workingDays/0/date',
        message: '2027-05-02 is already listed (/years/0/holidays/1/from)',
      },
      {
        field: '/years/0/workingDays/1/date',
        message:
          '2027-05-06 is a weekday: a make-up working day (调休) falls on a Saturday or Sunday',
      },
    ]);
  });

  it('lets a regional layer list a working day on a weekday (e.g. cancelling a holiday)', () => {
    const plain = file({ workingDays: [{ date: '2027-05-06', note: '本地' }] }, 'CN-110101');
    expect(parseCalendarFile(plain).ok).toBe(true);
  });

  it('rejects a year listed twice and a non-object', () => {
    const twice = { region: 'CN', years: [file({}).years[0], file({}).years[0]] };
    expect(errorsOf(twice)).toEqual([
      { field: '/years/1/year', message: '2027 is already listed' },
    ]);
    expect(errorsOf([])).toEqual([{ field: '', message: 'must be an object' }]);
  });

  it('accepts the shipped files, whose JSON Schema is the one committed beside them', () => {
    const dir = join(process.cwd(), 'workflows', 'calendar');
    for (const name of ['cn-2025.json', 'cn-2026.json']) {
      expect(errorsOf(JSON.parse(readFileSync(join(dir, name), 'utf8')))).toEqual([]);
    }
    const committed: unknown = JSON.parse(readFileSync(join(dir, 'calendar.schema.json'), 'utf8'));
    expect(committed).toEqual(CALENDAR_FILE_SCHEMA);
  });
});
