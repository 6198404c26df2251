/**
 * What changed in the calendar. Subscribers (e.g. stored due dates) recompute what falls
 * on or after `from` in the regions named; `from` is null when whole years were replaced
 * and then means the first day of the earliest year listed.
 */
export interface CalendarChange {
  reason: 'import' | 'day' | 'reload';
  regions: string[];
  years: number[];
  /** The earliest date whose working-day status may have changed, `YYYY-MM-DD`. */
  from: string;
}

export type CalendarChangeListener = (change: CalendarChange) => void | Promise<void>;
