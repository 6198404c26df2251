import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { BundleDefinition, CompiledBundle, ResolvedBundle } from '@onevisit/definitions';

export const BUNDLE_STATUSES = ['draft', 'published', 'retired'] as const;
export type BundleStatus = (typeof BUNDLE_STATUSES)[number];

/**
 * One bundle definition: the editable draft of a code (version null), or an immutable
 * published/retired version. `resolved` freezes the catalogue entries it used at
 * publish, and `compiled` what the compiler made of them, so running cases never see a
 * later catalogue edit.
 */
@Entity({ name: 'bundle_definition' })
@Index('UQ_bundle_definition_code_version', ['code', 'version'], { unique: true })
// NULL versions never collide in the index above, so drafts need their own guard.
@Index('UQ_bundle_definition_one_draft', ['code'], { unique: true, where: "status = 'draft'" })
export class BundleDefinitionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'integer', nullable: true })
  version: number | null;

  @Column({ type: 'varchar', length: 16 })
  status: BundleStatus;

  /** The definition as the author wrote it. */
  @Column({ type: 'simple-json' })
  body: BundleDefinition;

  @Column({ type: 'simple-json', nullable: true })
  resolved: ResolvedBundle | null;

  @Column({ type: 'simple-json', nullable: true })
  compiled: CompiledBundle | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  checksum: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;

  @Column({ name: 'published_at', type: Date, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'retired_at', type: Date, nullable: true })
  retiredAt: Date | null;
}
