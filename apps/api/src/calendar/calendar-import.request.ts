import { BadRequestException } from '@nestjs/common';
import {
  type CalendarDataError,
  type CalendarYear,
  formatCalendarDataError,
  parseCalendarCsv,
  parseCalendarFile,
} from '@onevisit/calendar';

/** The parts of an import request, however it came (JSON body, CSV body or multipart). */
export interface ImportRequestParts {
  contentType: string;
  /** Parsed JSON body, or the form fields of a multipart request. */
  body: unknown;
  query: Record<string, unknown>;
  /** The raw text of a CSV body, or of the uploaded file. */
  text: string | null;
  fileName: string | null;
}

/** The CSV import's context fields, as query parameters or form fields. */
const CSV_FIELDS = ['region', 'year', 'sourceTitle', 'sourceIssuer', 'sourceDate', 'sourceUrl'];

/**
 * Turns an import request into checked years, or throws a 400 naming every problem
 * (line and field for CSV, JSON pointer for JSON). Nothing is written before this passes.
 */
export function yearsOfImport(parts: ImportRequestParts): CalendarYear[] {
  const isCsv =
    parts.contentType.startsWith('text/csv') ||
    (parts.fileName !== null && parts.fileName.toLowerCase().endsWith('.csv'));
  if (isCsv) {
    if (parts.text === null) throw invalid([{ field: 'file', message: 'the CSV text is missing' }]);
    const fields = { ...parts.query, ...(isRecord(parts.body) ? parts.body : {}) };
    const unknown = Object.keys(fields).filter((key) => !CSV_FIELDS.includes(key));
    if (unknown.length > 0) {
      throw invalid(unknown.map((field) => ({ field, message: 'is not allowed' })));
    }
    const text = (key: string) => (typeof fields[key] === 'string' ? fields[key] : '');
    const url = text('sourceUrl');
    const result = parseCalendarCsv(parts.text, {
      region: text('region'),
      year: /^\d{4}$/.test(text('year')) ? Number(text('year')) : Number.NaN,
      source: {
        title: text('sourceTitle'),
        issuer: text('sourceIssuer'),
        date: text('sourceDate'),
        ...(url ? { url } : {}),
      },
    });
    // Name the context fields as the request spells them (sourceTitle, not source/title).
    if (!result.ok)
      throw invalid(
        result.errors.map((e) => ({
          ...e,
          field: e.field.replace(/^source\/(\w)/, (_m, c: string) => `source${c.toUpperCase()}`),
        })),
      );
    return result.years;
  }
  let plain: unknown = parts.body;
  if (parts.fileName !== null) {
    try {
      plain = JSON.parse(parts.text ?? '');
    } catch (error) {
      throw invalid([{ field: 'file', message: `not JSON: ${(error as Error).message}` }]);
    }
  }
  return unwrap(parseCalendarFile(plain));
}

function unwrap(
  result: { ok: true; years: CalendarYear[] } | { ok: false; errors: CalendarDataError[] },
): CalendarYear[] {
  if (!result.ok) throw invalid(result.errors);
  return result.years;
}

export function invalid(errors: CalendarDataError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `${errors.length} problem(s) in calendar data: ${errors.map(formatCalendarDataError).join('; ')}`,
    errors,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
