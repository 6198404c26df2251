import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Summary of where a case stands, kept beside the snapshot for lists and filters. */
export const CASE_STATUSES = [
  'intake',
  'correction',
  'processing',
  'suspended',
  'delivery',
  'delivered',
  'closed',
  'rejected',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * One case (办件): the persisted machine snapshot of its pinned bundle version and a
 * version number bumped by every event (optimistic concurrency).
 */
@Entity({ name: 'case' })
@Index('IDX_case_applicant', ['applicantSub', 'createdAt'])
@Index('IDX_case_window', ['window', 'createdAt'])
@Index('IDX_case_created', ['createdAt'])
export class CaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'bundle_code', type: 'varchar', length: 64 })
  bundleCode: string;

  @Column({ name: 'bundle_version', type: 'integer' })
  bundleVersion: number;

  @Column({ type: 'varchar', length: 32 })
  status: CaseStatus;

  /** The persisted XState snapshot (`value`, `context`, `status`). */
  @Column({ type: 'simple-json' })
  snapshot: Record<string, unknown>;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'applicant_sub', type: 'varchar', length: 128 })
  applicantSub: string;

  @Column({ name: 'applicant_name', type: 'varchar', length: 128 })
  applicantName: string;

  /** The clerk who started the case for the applicant (帮办代办), if any. */
  @Column({ name: 'proxy_sub', type: 'varchar', length: 128, nullable: true })
  proxySub: string | null;

  /** The integrated window (综合窗口) that took the case in, if a clerk did. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  window: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
