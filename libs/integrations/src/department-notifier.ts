/**
 * Internal messages to a department's officers (a work-list reminder, an overdue
 * post-check). Implementations must be idempotent by `messageId`.
 */
export interface DepartmentNotice {
  department: string;
  subject: string;
  /** The case concerned; a complaint about the service as a whole has none. */
  caseId?: string;
  item?: string;
  complaintId?: string;
}

export interface DepartmentNotifier {
  notify(messageId: string, notice: DepartmentNotice): Promise<void>;
}

export const DEPARTMENT_NOTIFIER = Symbol('DepartmentNotifier');
