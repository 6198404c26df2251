import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A message a local adapter would have sent to an outside system (supervision platform,
 * SMS …), recorded instead. Keyed by message id so a retried job records it once.
 */
@Entity({ name: 'external_message' })
@Index('IDX_external_message_channel', ['channel', 'recordedAt'])
export class ExternalMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  channel: string;

  @Column({ type: 'simple-json' })
  payload: Record<string, unknown>;

  @Column({ name: 'recorded_at', type: Date })
  recordedAt: Date;
}
