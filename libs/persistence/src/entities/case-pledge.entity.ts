import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signed pledge (告知承诺) for one item: the exact text shown and the applicant's signature. */
@Entity({ name: 'case_pledge' })
export class CasePledgeEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  item: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  signature: string;

  @Column({ name: 'signed_at', type: Date })
  signedAt: Date;
}
