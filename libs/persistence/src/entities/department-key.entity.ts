import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The seal key pair of one issuing department, created on its first licence.
 *
 * The private key sits in the database for now: acceptable for the embedded default,
 * not for production, where it belongs in an HSM or a key service behind the same seam.
 */
@Entity({ name: 'department_key' })
export class DepartmentKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  department: string;

  /** SPKI PEM, published for verification. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey: string;

  /** PKCS#8 PEM. */
  @Column({ name: 'private_key', type: 'text' })
  privateKey: string;

  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
