import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A job that failed on its last attempt: kept for an admin to look at and retry,
 * instead of vanishing into the queue's failed set.
 */
@Entity({ name: 'incident' })
@Index('IDX_incident_open', ['resolvedAt', 'createdAt'])
export class IncidentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  queue: string;

  @Column({ name: 'job_name', type: 'varchar', length: 128 })
  jobName: string;

  @Column({ name: 'job_id', type: 'varchar', length: 128 })
  jobId: string;

  @Column({ type: 'simple-json' })
  payload: Record<string, unknown>;

  @Column({ type: 'text' })
  error: string;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'resolved_at', type: Date, nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolved_by', type: 'varchar', length: 128, nullable: true })
  resolvedBy: string | null;
}
