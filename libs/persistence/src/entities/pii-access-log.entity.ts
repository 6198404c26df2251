import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One read of a case's personal data by staff (个人信息访问记录): who, when, which case,
 * which fields, and through which route. Written in the request that reads; never
 * updated, so supervisors can audit it.
 */
@Entity({ name: 'pii_access_log' })
@Index('IDX_pii_access_case', ['caseId', 'accessedAt'])
@Index('IDX_pii_access_reader', ['readerSub', 'accessedAt'])
@Index('IDX_pii_access_at', ['accessedAt', 'id'])
export class PiiAccessLogEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'reader_sub', type: 'varchar', length: 128 })
  readerSub: string;

  @Column({ name: 'reader_roles', type: 'simple-json' })
  readerRoles: string[];

  @Column({ name: 'reader_department', type: 'varchar', length: 64, nullable: true })
  readerDepartment: string | null;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  /** Keys of the personal fields shown, each with `full` or `masked`. */
  @Column({ type: 'simple-json' })
  fields: { key: string; shown: 'full' | 'masked' }[];

  /** The route or purpose of the read, e.g. `GET /cases/:id/answers`. */
  @Column({ type: 'varchar', length: 256 })
  purpose: string;

  @Column({ name: 'accessed_at', type: Date })
  accessedAt: Date;
}
