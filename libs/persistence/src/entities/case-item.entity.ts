import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Read model of one item of a case: officers' work lists and time-limit (SLA) queries. */
@Entity({ name: 'case_item' })
@Index('IDX_case_item_department', ['department', 'status'])
export class CaseItemEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  item: string;

  @Column({ type: 'varchar', length: 64 })
  department: string;

  @Column({ type: 'varchar', length: 32 })
  status: string;

  /** Calendar date `YYYY-MM-DD` the item is due by (promised working days), once its clock runs. */
  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  @Column({ name: 'started_at', type: Date, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: Date, nullable: true })
  endedAt: Date | null;

  @Column({ type: 'simple-json', nullable: true })
  reason: Record<string, unknown> | null;

  /** The item clock: running, paused (special procedure, suspension) or stopped; null before it starts. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  clock: 'running' | 'paused' | 'stopped' | null;

  /** Working days the item clock had used at its last change (pause, stop). */
  @Column({ name: 'days_used', type: 'integer', nullable: true })
  daysUsed: number | null;

  /** Set by the deadline jobs: due soon (临近超期) or overdue (超期). */
  @Column({ name: 'due_flag', type: 'varchar', length: 16, nullable: true })
  dueFlag: 'due-soon' | 'overdue' | null;
}
