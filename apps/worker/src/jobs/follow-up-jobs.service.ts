import { Inject, Injectable, Logger } from '@nestjs/common';
import { In } from 'typeorm';
import { DEPARTMENT_NOTIFIER, type DepartmentNotifier } from '@onevisit/integrations';
import { ComplaintEntity, TaskEntity, TransactionRunner } from '@onevisit/persistence';
import type { JobPayloads } from '@onevisit/queues';
import { warnWithSupervisors } from './warn-with-supervisors.js';

const OPEN_TASK = ['open', 'claimed'] as const;

/**
 * A complaint reply (有诉即办) or a rectification after a poor rating (差评整改) has come
 * due. Still open: the responsible department and the supervisors are warned (the notifier
 * is idempotent by message id) and a rectification task is flagged overdue. Answered or
 * done, or rescheduled to another date: a logged no-op.
 */
@Injectable()
export class FollowUpJobs {
  private readonly logger = new Logger(FollowUpJobs.name);

  constructor(
    private readonly tx: TransactionRunner,
    @Inject(DEPARTMENT_NOTIFIER) private readonly departments: DepartmentNotifier,
  ) {}

  async due(jobId: string, data: JobPayloads['deadline.follow-up']): Promise<void> {
    if (data.subject === 'complaint') await this.complaintDue(jobId, data);
    else await this.rectificationDue(jobId, data);
  }

  private async complaintDue(jobId: string, data: JobPayloads['deadline.follow-up']) {
    const row = await this.tx.dataSource.manager.findOneBy(ComplaintEntity, { id: data.id });
    if (!row || row.status !== 'open' || row.replyDueDate !== data.dueDate) {
      this.logger.log(
        `job ${jobId}: complaint ${data.id} is ${row?.status ?? 'absent'} (due ${row?.replyDueDate ?? '-'}); no-op`,
      );
      return;
    }
    const notice = {
      subject: 'complaint-reply-overdue',
      complaintId: row.id,
      ...(row.caseId === null ? {} : { caseId: row.caseId }),
      ...(row.item === null ? {} : { item: row.item }),
    };
    await warnWithSupervisors(this.departments, jobId, row.department, notice);
  }

  private async rectificationDue(jobId: string, data: JobPayloads['deadline.follow-up']) {
    const task = await this.tx.dataSource.manager.findOneBy(TaskEntity, { id: data.id });
    if (!task || !OPEN_TASK.includes(task.status as never) || task.dueDate !== data.dueDate) {
      this.logger.log(
        `job ${jobId}: rectification task ${data.id} is ${task?.status ?? 'absent'}; no-op`,
      );
      return;
    }
    await warnWithSupervisors(this.departments, jobId, task.department, {
      subject: 'rectification-overdue',
      caseId: task.caseId,
    });
    // Warn first, flag after: a retry after a crash between the two warns nobody twice.
    await this.tx.runStatement((manager) =>
      manager.update(
        TaskEntity,
        { id: task.id, status: In([...OPEN_TASK]) },
        { dueFlag: 'overdue' },
      ),
    );
  }
}
