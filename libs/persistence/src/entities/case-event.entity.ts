import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Append-only audit of a case: who sent which event when, and the state before and after. */
@Entity({ name: 'case_event' })
@Index('UQ_case_event_seq', ['caseId', 'seq'], { unique: true })
export class CaseEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  /** The case version after this event (the start of a case is seq 1). */
  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'simple-json' })
  payload: Record<string, unknown>;

  @Column({ type: 'simple-json' })
  actor: Record<string, unknown>;

  /** State value before (JSON text; null for the start). */
  @Column({ name: 'from_state', type: 'text', nullable: true })
  fromState: string | null;

  @Column({ name: 'to_state', type: 'text' })
  toState: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
