import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const MATERIAL_SOURCES = ['upload', 'held-licence', 'case-licence'] as const;
export type MaterialSource = (typeof MATERIAL_SOURCES)[number];

/** A material handed in for a case: an uploaded file (content-addressed) or a licence reference. */
@Entity({ name: 'case_material' })
@Index('IDX_case_material_case', ['caseId', 'material'])
export class CaseMaterialEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @Column({ type: 'varchar', length: 64 })
  material: string;

  @Column({ type: 'varchar', length: 16 })
  source: MaterialSource;

  /** SHA-256 (hex) of the uploaded file, which is stored under files/<sha256>. */
  @Column({ name: 'file_sha256', type: 'varchar', length: 64, nullable: true })
  fileSha256: string | null;

  @Column({ name: 'file_size', type: 'integer', nullable: true })
  fileSize: number | null;

  @Column({ name: 'content_type', type: 'varchar', length: 128, nullable: true })
  contentType: string | null;

  @Column({ name: 'licence_number', type: 'varchar', length: 64, nullable: true })
  licenceNumber: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
