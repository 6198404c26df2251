import { parse } from 'csv-parse/sync';
import { isIsoDate } from '../calendar-date.js';
import {
  checkRegion,
  checkSource,
  checkYear,
  checkYearDays,
  type LocatedDay,
  withoutLocation,
} from './calendar-year-check.js';
import {
  CALENDAR_DAY_KINDS,
  type CalendarDataError,
  type CalendarDayKind,
  type CalendarParseResult,
  type CalendarSource,
} from './calendar-year.js';

/** Columns of the CSV import, in this order, with a header line. */
export const CALENDAR_CSV_COLUMNS = ['date', 'kind', 'name'] as const;

/** What a CSV file does not carry: its region, its year and the notice it comes from. */
export interface CalendarCsvContext {
  region: string;
  year: number;
  source: CalendarSource;
}

interface CsvRow {
  record: Record<string, string>;
  info: { lines: number };
}

interface CsvParseError {
  code?: string;
  lines?: number;
  column?: string | number;
  message: string;
}

/**
 * Reads one year from CSV: a header `date,kind,name`, then one line per listed day, kind
 * `holiday` or `workday` (make-up working day, its name being the note). Errors name the
 * line (1-based, header = line 1) and the column.
 */
export function parseCalendarCsv(text: string, context: CalendarCsvContext): CalendarParseResult {
  const errors: CalendarDataError[] = [];
  checkRegion(context.region, 'region', errors);
  checkYear(context.year, 'year', errors);
  checkSource(context.source, 'source', errors);
  let rows: CsvRow[];
  try {
    rows = parse(text, {
      bom: true,
      columns: (header: string[]) => checkHeader(header),
      info: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as CsvRow[];
  } catch (error) {
    const csv = error as CsvParseError;
    errors.push(
      csv.code === 'CALENDAR_HEADER'
        ? { field: 'header', line: 1, message: csv.message }
        : { field: 'row', line: csv.lines ?? 0, message: csv.message },
    );
    return { ok: false, errors };
  }
  if (rows.length === 0) errors.push({ field: 'row', line: 2, message: 'no days listed' });
  const days: LocatedDay[] = [];
  for (const { record, info } of rows) {
    const line = info.lines;
    const { date, kind, name } = record as Record<(typeof CALENDAR_CSV_COLUMNS)[number], string>;
    const before = errors.length;
    if (!isIsoDate(date))
      errors.push({ field: 'date', line, message: `"${date}" is not a date YYYY-MM-DD` });
    if (!(CALENDAR_DAY_KINDS as readonly string[]).includes(kind)) {
      errors.push({
        field: 'kind',
        line,
        message: `"${kind}" is not one of ${CALENDAR_DAY_KINDS.join(', ')}`,
      });
    }
    if (name === '') errors.push({ field: 'name', line, message: 'must not be empty' });
    if (errors.length === before) {
      days.push({ date, kind: kind as CalendarDayKind, name, at: { field: 'date', line } });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  checkYearDays(context.region, context.year, days, errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    years: [
      {
        region: context.region,
        year: context.year,
        source: context.source,
        days: withoutLocation(days),
      },
    ],
  };
}

function checkHeader(header: string[]): string[] {
  const names = header.map((name) => name.trim().toLowerCase());
  if (names.join(',') !== CALENDAR_CSV_COLUMNS.join(',')) {
    throw Object.assign(
      new Error(
        `the header must be "${CALENDAR_CSV_COLUMNS.join(',')}", got "${header.join(',')}"`,
      ),
      { code: 'CALENDAR_HEADER' },
    );
  }
  return names;
}
