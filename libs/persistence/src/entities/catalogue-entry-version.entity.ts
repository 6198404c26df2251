import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Department, LicenceType, Material, ServiceItem } from '@onevisit/definitions';

/** One catalogue entry as written. */
export type CatalogueEntryBody = Department | Material | LicenceType | ServiceItem;

/** The four kinds of catalogue entry, as the admin API names them. */
export const CATALOGUE_KINDS = ['department', 'material', 'licence-type', 'item'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

export const CATALOGUE_ENTRY_STATUSES = ['draft', 'published'] as const;
export type CatalogueEntryStatus = (typeof CATALOGUE_ENTRY_STATUSES)[number];

/**
 * The history of one catalogue entry (department, material, licence type, service item):
 * its editable draft (version null) and every published version, which never changes.
 * The latest published version is also the entry's row in its own table
 * (`service_item` …), which validation and bundle publishing read: a bundle published
 * later freezes that content, while bundle versions published earlier keep their copies.
 */
@Entity({ name: 'catalogue_entry_version' })
@Index('UQ_catalogue_entry_version', ['kind', 'code', 'version'], { unique: true })
// NULL versions never collide in the index above, so drafts need their own guard.
@Index('UQ_catalogue_entry_one_draft', ['kind', 'code'], {
  unique: true,
  where: "status = 'draft'",
})
export class CatalogueEntryVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CatalogueKind;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'integer', nullable: true })
  version: number | null;

  @Column({ type: 'varchar', length: 16 })
  status: CatalogueEntryStatus;

  /** The entry as written (a Department, Material, LicenceType or ServiceItem). */
  @Column({ type: 'simple-json' })
  body: CatalogueEntryBody;

  /** SHA-256 of the body's canonical JSON: equal content, equal checksum. */
  @Column({ type: 'varchar', length: 64 })
  checksum: string;

  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;

  @Column({ name: 'published_at', type: Date, nullable: true })
  publishedAt: Date | null;
}
