import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const COMPLAINT_STATUSES = ['open', 'replied'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** A forwarding of a complaint to another department, kept for supervision. */
export interface ComplaintForward {
  from: string;
  to: string;
  by: string;
  note: string | null;
  at: string;
}

/** A complaint (有诉即办) on a case or on the service, tracked to a reply within a limit. */
@Entity({ name: 'complaint' })
@Index('IDX_complaint_department', ['department', 'status'])
@Index('IDX_complaint_applicant', ['applicantSub', 'createdAt'])
export class ComplaintEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'case_id', type: 'varchar', length: 36, nullable: true })
  caseId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  item: string | null;

  @Column({ name: 'applicant_sub', type: 'varchar', length: 128 })
  applicantSub: string;

  /** Who filed it: the applicant, or a clerk for them (帮办代办). */
  @Column({ name: 'filed_by', type: 'varchar', length: 128 })
  filedBy: string;

  /** The department that must reply now (changes when forwarded). */
  @Column({ type: 'varchar', length: 64 })
  department: string;

  @Column({ type: 'varchar', length: 16 })
  status: ComplaintStatus;

  @Column({ type: 'text' })
  content: string;

  @Column({ name: 'reply_due_date', type: 'varchar', length: 10 })
  replyDueDate: string;

  @Column({ type: 'text', nullable: true })
  reply: string | null;

  @Column({ name: 'replied_by', type: 'varchar', length: 128, nullable: true })
  repliedBy: string | null;

  @Column({ name: 'replied_at', type: Date, nullable: true })
  repliedAt: Date | null;

  @Column({ type: 'simple-json' })
  forwards: ComplaintForward[];

  @Column({ name: 'created_at', type: Date })
  createdAt: Date;
}
