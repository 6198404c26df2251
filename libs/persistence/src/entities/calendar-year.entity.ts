import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarSource } from '@onevisit/calendar';

/**
 * A year of one region's calendar: which notice it comes from and when it was last
 * changed. National (`CN`) rows decide which years are known; `loaded_at` moves on every
 * change to the year's days, so other processes notice the calendar changed.
 */
@Entity({ name: 'calendar_year' })
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  region: string;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'simple-json' })
  source: CalendarSource;

  @Column({ name: 'loaded_at', type: Date })
  loadedAt: Date;

  /** Who loaded or last changed it: `seed:<file>`, or the admin's subject. */
  @Column({ name: 'loaded_by', type: 'varchar', length: 128 })
  loadedBy: string;
}
