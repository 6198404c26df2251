/**
 * Internal messages to a department's officers (a work-list reminder, an overdue
 * post-check). Implementations must be idempotent by `messageId`.
 */
export interface DepartmentNotifier {
  notify(
    messageId: string,
    notice: { department: string; subject: string; caseId: string; item?: string },
  ): Promise<void>;
}

export const DEPARTMENT_NOTIFIER = Symbol('DepartmentNotifier');
