import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Effects written in the same transaction as the state change that caused them; a relay
 * turns undispatched rows into queue jobs (job id = row id), so nothing is lost.
 */
@Entity({ name: 'outbox' })
@Index('IDX_outbox_pending', ['dispatchedAt', 'createdAt'])
export class OutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  topic: string;

  @Column({ type: 'simple-json' })
  payload: Record<string, unknown>;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'dispatched_at', type: Date, nullable: true })
  dispatchedAt: Date | null;

  /** Timers: the job runs at this moment (a BullMQ delayed job); null runs it at once. */
  @Column({ name: 'run_at', type: Date, nullable: true })
  runAt: Date | null;
}
