import { Column, PrimaryColumn } from 'typeorm';

/**
 * Columns shared by every catalogue table (department, material, licence_type,
 * service_item): the entry itself is kept whole as JSON, keyed by its code, with a
 * checksum so that reloading unchanged files writes nothing.
 */
export abstract class CatalogueRowColumns<TBody> {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'simple-json' })
  body: TBody;

  @Column({ type: 'varchar', length: 64 })
  checksum: string;

  @Column({ name: 'updated_at', type: Date })
  updatedAt: Date;
}
