/**
 * A date in a year for which no calendar data is loaded. Due dates are promises made to
 * applicants, so the calendar refuses to guess (weekends only would be wrong around
 * every public holiday): the caller must surface this, and an admin must load the year.
 */
export class CalendarGapError extends Error {
  override readonly name = 'CalendarGapError';

  constructor(
    readonly year: number,
    readonly region: string,
  ) {
    super(`no calendar for ${year}`);
  }
}
