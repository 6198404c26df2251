import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const TASK_STATUSES = ['open', 'claimed', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Human work in a department's work list, made by a `task` effect of the case machine. */
@Entity({ name: 'task' })
@Index('IDX_task_worklist', ['department', 'status', 'createdAt'])
@Index('IDX_task_department_created', ['department', 'createdAt'])
@Index('IDX_task_case', ['caseId', 'status'])
export class TaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  item: string | null;

  @Column({ type: 'varchar', length: 64 })
  department: string;

  /** intake, review, procedure, decision, post-check, rating-follow-up. */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 16 })
  status: TaskStatus;

  @Column({ name: 'claimed_by', type: 'varchar', length: 128, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'completed_at', type: Date, nullable: true })
  completedAt: Date | null;

  /** The case version whose transition made the task. */
  @Column({ name: 'made_at_version', type: 'integer' })
  madeAtVersion: number;

  /** Due soon or overdue (the clock of its item or procedure), for work lists. */
  @Column({ name: 'due_flag', type: 'varchar', length: 16, nullable: true })
  dueFlag: 'due-soon' | 'overdue' | null;
}
