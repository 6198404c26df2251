import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The applicant's rating (好差评) of a finished case: one per case. */
@Entity({ name: 'evaluation' })
export class EvaluationEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  /** 1 very dissatisfied … 5 very satisfied. */
  @Column({ type: 'integer' })
  level: number;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  /** Subject of the rater; null when rated anonymously. */
  @Column({ name: 'rated_by', type: 'varchar', length: 128, nullable: true })
  ratedBy: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
