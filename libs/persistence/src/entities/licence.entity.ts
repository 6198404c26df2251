import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LicenceContent, LicenceHolder } from '@onevisit/licences';

/**
 * An issued electronic licence (电子证照). `content` is exactly what the seal signs;
 * the other columns repeat parts of it for queries. One licence per (case, item, type),
 * which makes a re-run issuing job find the licence it already made.
 */
@Entity({ name: 'licence' })
@Index('UQ_licence_number', ['number'], { unique: true })
@Index('UQ_licence_case_item_type', ['caseId', 'item', 'type'], { unique: true })
@Index('IDX_licence_holder', ['holderId'])
export class LicenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  number: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ type: 'simple-json' })
  holder: LicenceHolder;

  /**
   * Keyed hash (PII keyring) of the holder's ID number or credit code, for "the licences
   * I hold"; the ID number itself is stored only encrypted, in `holder` and `content`.
   */
  @Column({ name: 'holder_id', type: 'varchar', length: 64 })
  holderId: string;

  @Column({ type: 'varchar', length: 64 })
  issuer: string;

  @Column({ type: 'simple-json' })
  content: LicenceContent;

  @Column({ type: 'varchar', length: 128 })
  seal: string;

  @Column({ name: 'key_fingerprint', type: 'varchar', length: 64 })
  keyFingerprint: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @Column({ type: 'varchar', length: 64 })
  item: string;

  @Column({ name: 'issued_at', type: Date })
  issuedAt: Date;

  /** Last day of validity, `YYYY-MM-DD` (Asia/Shanghai); null for no expiry. */
  @Column({ name: 'valid_until', type: 'varchar', length: 10, nullable: true })
  validUntil: string | null;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoke_reason', type: 'varchar', length: 512, nullable: true })
  revokeReason: string | null;
}
