import { parseCalendarCsv } from './calendar-csv.parser.js';
import { parseCalendarDay } from './calendar-day.parser.js';

const CONTEXT = {
  region: 'CN',
  year: 2027,
  source: { title: '测试通知', issuer: '测试机关', date: '2026-11-01' },
};

function errorsOf(text: string, context = CONTEXT) {
  const result = parseCalendarCsv(text, context);
  return result.ok ? [] : result.errors;
}

describe('parseCalendarCsv', () => {
  it('reads date,kind,name lines into sorted days', () => {
    const result = parseCalendarCsv(
      '\uFEFFdate,kind,name\n2027-02-06,holiday,春节\n\n2027-01-31,workday,"春节调休, 上班"\n2027-01-01,holiday,元旦\n',
      CONTEXT,
    );
    expect(result).toEqual({
      ok: true,
      years: [
        {
          ...CONTEXT,
          days: [
            { date: '2027-01-01', kind: 'holiday', name: '元旦' },
            { date: '2027-01-31', kind: 'workday', name: '春节调休, 上班' },
            { date: '2027-02-06', kind: 'holiday', name: '春节' },
          ],
        },
      ],
    });
  });

  it('names the line and the column of each bad value', () => {
    const text =
      'date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n2027-02-06,rest,春节\n2027-02-07,holiday,\n';
    expect(errorsOf(text)).toEqual([
      { field: 'date', line: 3, message: '"2027-02-30" is not a date YYYY-MM-DD' },
      { field: 'kind', line: 4, message: '"rest" is not one of holiday, workday' },
      { field: 'name', line: 5, message: 'must not be empty' },
    ]);
  });

  it('applies the year rules with line numbers', () => {
    const text =
      'date,kind,name\n2027-01-01,holiday,元旦\n2026-12-31,holiday,错年\n2027-01-01,workday,重复\n';
    expect(errorsOf(text)).toEqual([
      { field: 'date', line: 3, message: '2026-12-31 is not in 2027' },
      { field: 'date', line: 4, message: '2027-01-01 is already listed (line 2)' },
    ]);
  });

  it('reports a wrong header, a short line and a bad context', () => {
    expect(errorsOf('day,kind,name\n2027-01-01,holiday,元旦\n')).toEqual([
      {
        field: 'header',
        line: 1,
        message: 'the header must be "date,kind,name", got "day,kind,name"',
      },
    ]);
    const short = errorsOf('date,kind,name\n2027-01-01,holiday,元旦\n2027-01-02,holiday\n');
    expect(short).toHaveLength(1);
    expect(short[0]).toMatchObject({ field: 'row', line: 3 });
    expect(errorsOf('date,kind,name\n')).toEqual([
      { field: 'row', line: 2, message: 'no days listed' },
    ]);
    const context = { region: 'x', year: 1999, source: { title: '', issuer: 'a', date: 'soon' } };
    expect(
      errorsOf('date,kind,name\n2027-01-01,holiday,元旦\n', context).map((e) => e.field),
    ).toEqual(['region', 'year', 'source/title', 'source/date']);
  });
});

describe('parseCalendarDay', () => {
  it('accepts a holiday and refuses a national make-up day on a weekday', () => {
    expect(parseCalendarDay('CN', '2026-12-31', { kind: 'holiday', name: ' 测试 ' })).toEqual({
      ok: true,
      day: { date: '2026-12-31', kind: 'holiday', name: '测试' },
    });
    expect(parseCalendarDay('CN', '2026-12-31', { kind: 'workday', name: '补班' })).toEqual({
      ok: false,
      errors: [
        {
          field: 'date',
          message:
            '2026-12-31 is a weekday: a make-up working day (调休) falls on a Saturday or Sunday',
        },
      ],
    });
    const bad = parseCalendarDay('cn', '2026-02-30', { kind: 'off', name: '', nameEn: 3 });
    expect(bad.ok ? [] : bad.errors.map((error) => error.field)).toEqual([
      'region',
      'date',
      'kind',
      'name',
      'nameEn',
    ]);
  });
});
