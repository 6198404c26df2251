import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The running number of licences per number prefix and issue day (the `NNNNNN` of
 * `PREFIX-YYYYMMDD-NNNNNN`). Taking a number is one upsert, so concurrent issuers queue
 * on the row instead of colliding and retrying.
 */
@Entity({ name: 'licence_sequence' })
export class LicenceSequenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  prefix: string;

  /** Issue day as YYYYMMDD (Asia/Shanghai), as in the number. */
  @PrimaryColumn({ type: 'varchar', length: 8 })
  day: string;

  /** The last number handed out. */
  @Column({ name: 'last_number', type: 'integer' })
  lastNumber: number;
}
