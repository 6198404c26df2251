import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const DATA_CHECK_RESULTS = ['match', 'mismatch', 'invalid'] as const;
export type DataCheckResult = (typeof DATA_CHECK_RESULTS)[number];

/**
 * The answer of a shared-data query (共享数据核验) about a case. The case machine has no
 * event for it, so it is kept here for the clerk; keyed by job id, so a retry stores once.
 */
@Entity({ name: 'data_check' })
@Index('IDX_data_check_case', ['caseId', 'checkedAt'])
export class DataCheckEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  /** What was checked, e.g. `identity`. */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 16 })
  result: DataCheckResult;

  /** What the source said, personal data masked. */
  @Column({ type: 'simple-json' })
  detail: Record<string, unknown>;

  @Column({ name: 'checked_at', type: Date })
  checkedAt: Date;
}
