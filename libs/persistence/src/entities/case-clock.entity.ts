import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const CLOCK_KINDS = ['case', 'item', 'procedure', 'supplement'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];

export const CLOCK_STATUSES = ['running', 'paused', 'stopped'] as const;
export type ClockStatus = (typeof CLOCK_STATUSES)[number];

export const DUE_FLAGS = ['due-soon', 'overdue'] as const;
export type DueFlag = (typeof DUE_FLAGS)[number];

/**
 * One time-limit clock of a case, in working days: the case's promised total, each item,
 * each special procedure (特殊环节, its own limit), the supplement deadline (容缺). The
 * source of truth for due dates; `case_item` and `task` carry copies for cheap lists.
 */
@Entity({ name: 'case_clock' })
@Index('IDX_case_clock_status', ['status', 'flag'])
export class CaseClockEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  /** `case`, `item:<code>`, `procedure:<code>:<index>` or `supplement`. */
  @PrimaryColumn({ type: 'varchar', length: 96 })
  key: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ClockKind;

  @Column({ type: 'varchar', length: 64, nullable: true })
  item: string | null;

  /** Department whose officers the warnings go to. */
  @Column({ type: 'varchar', length: 64 })
  department: string;

  @Column({ name: 'limit_days', type: 'integer' })
  limitDays: number;

  /** Working days used by the closed running segments. */
  @Column({ name: 'used_days', type: 'integer' })
  usedDays: number;

  /** When the running segment counts from; null while paused or stopped. */
  @Column({ name: 'running_since', type: Date, nullable: true })
  runningSince: Date | null;

  /** What holds the clock: `procedure`, `case` (suspension, correction). */
  @Column({ name: 'paused_by', type: 'simple-json' })
  pausedBy: string[];

  @Column({ type: 'varchar', length: 16 })
  status: ClockStatus;

  /** `YYYY-MM-DD` while running. */
  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  flag: DueFlag | null;

  /** Bumped on every change: deadline jobs carry it. */
  @Column({ type: 'integer' })
  generation: number;

  @Column({ name: 'started_at', type: Date })
  startedAt: Date;

  @Column({ name: 'stopped_at', type: Date, nullable: true })
  stoppedAt: Date | null;
}
