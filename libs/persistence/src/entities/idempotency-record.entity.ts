import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The answer a creating request gave under an `Idempotency-Key`, so that the same
 * request sent again (a client retrying after a lost answer, through any replica) gets
 * that answer instead of a second case. Written in the transaction of the request's own
 * writes: the answer is stored exactly when the effect is. Kept for a day.
 */
@Entity({ name: 'idempotency_record' })
@Index('IDX_idempotency_record_created', ['createdAt'])
export class IdempotencyRecordEntity {
  /** Whose key: the signed-in subject (keys are the client's, not global). */
  @PrimaryColumn({ type: 'varchar', length: 160 })
  principal: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  /** `POST /cases`: the route template the key was used on. */
  @Column({ type: 'varchar', length: 200 })
  route: string;

  /** SHA-256 of the canonical JSON of route, path parameters and body. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ name: 'status_code', type: 'integer' })
  statusCode: number;

  /** The answer's JSON, encrypted with the personal-data keys (it may hold ID numbers). */
  @Column({ type: 'text' })
  response: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
