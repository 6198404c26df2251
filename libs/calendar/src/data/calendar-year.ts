/** The region code of the national calendar; any other region is a layer on top of it. */
export const NATIONAL_REGION = 'CN';

/** What a listed day is: a public holiday, or a make-up working day (调休) on a weekend. */
export type CalendarDayKind = 'holiday' | 'workday';

export const CALENDAR_DAY_KINDS: readonly CalendarDayKind[] = ['holiday', 'workday'];

/** The official notice a year's arrangement comes from. */
export interface CalendarSource {
  title: string;
  issuer: string;
  /** Publication date `YYYY-MM-DD`. */
  date: string;
  url?: string;
}

/** One listed day. `name` is the zh-CN label (the holiday's name, or the make-up day's note). */
export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
  nameEn?: string;
}

/** One year of one region, every range expanded into single days, sorted by date. */
export interface CalendarYear {
  region: string;
  year: number;
  source: CalendarSource;
  days: CalendarDay[];
}

/**
 * A problem in calendar data. `field` is a JSON pointer for JSON files (`/years/0/holidays/2/to`)
 * or the column name for CSV; `line` is the 1-based line of a CSV file.
 */
export interface CalendarDataError {
  field: string;
  line?: number;
  message: string;
}

export type CalendarParseResult =
  { ok: true; years: CalendarYear[] } | { ok: false; errors: CalendarDataError[] };

/** `line 4, field kind: …` or `/years/0/source/date: …`, for logs, CLI output and 400 bodies. */
export function formatCalendarDataError(error: CalendarDataError): string {
  return error.line === undefined
    ? `${error.field}: ${error.message}`
    : `line ${error.line}, field ${error.field}: ${error.message}`;
}
