import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CalendarDayKind } from '@onevisit/calendar';

/** One listed day of a region: a public holiday, or a make-up working day (调休). */
@Entity({ name: 'calendar_day' })
@Index('IDX_calendar_day_region_year', ['region', 'year'])
export class CalendarDayEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  region: string;

  /** `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  date: string;

  /** Repeated from `date` so that a year is read and replaced by an index. */
  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  kind: CalendarDayKind;

  /** zh-CN name of the holiday, or the note of the make-up day. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true })
  nameEn: string | null;

  /** Where the day came from: the notice's title, or `admin:<subject>` for a single edit. */
  @Column({ type: 'varchar', length: 300 })
  source: string;
}
