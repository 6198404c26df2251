import { SUPERVISION_DEPARTMENT } from '@onevisit/engine';
import type { DepartmentNotice, DepartmentNotifier } from '@onevisit/integrations';

/**
 * Warns the responsible department and the supervisors (once when they are the same).
 * Message ids are `<job id>:<department>`: a retried job warns nobody twice.
 */
export async function warnWithSupervisors(
  notifier: DepartmentNotifier,
  jobId: string,
  department: string,
  notice: Omit<DepartmentNotice, 'department'>,
): Promise<void> {
  for (const to of new Set([department, SUPERVISION_DEPARTMENT])) {
    await notifier.notify(`${jobId}:${to}`, { ...notice, department: to });
  }
}
