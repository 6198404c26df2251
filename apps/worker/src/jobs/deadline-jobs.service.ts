import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { DEADLINE_STAGE_RANK, lockCaseRow } from '@onevisit/engine';
import { DEPARTMENT_NOTIFIER, type DepartmentNotifier } from '@onevisit/integrations';
import {
  CaseClockEntity,
  CaseItemEntity,
  TaskEntity,
  TransactionRunner,
} from '@onevisit/persistence';
import type { JobPayloads } from '@onevisit/queues';
import { warnWithSupervisors } from './warn-with-supervisors.js';

/**
 * A clock's due-soon or overdue moment has come. The job was made for one generation of
 * the clock: if the clock has been paused, resumed, restarted or stopped since, it is a
 * logged no-op (the change scheduled checks of its own). Otherwise the department and
 * the supervisors are warned, then the flag is set on the clock and its read models.
 */
@Injectable()
export class DeadlineJobs {
  private readonly logger = new Logger(DeadlineJobs.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    @Inject(DEPARTMENT_NOTIFIER) private readonly departments: DepartmentNotifier,
  ) {}

  async check(jobId: string, data: JobPayloads['deadline.check']): Promise<void> {
    const clock = await this.dataSource.manager.findOneBy(CaseClockEntity, {
      caseId: data.caseId,
      key: data.clock,
    });
    if (!clock || clock.generation !== data.generation || clock.status !== 'running') {
      this.logger.log(
        `job ${jobId}: clock ${data.clock} of case ${data.caseId} moved on (${clock?.status ?? 'absent'}, generation ${clock?.generation ?? '-'} ≠ ${data.generation}); no-op`,
      );
      return;
    }
    if (clock.flag !== null && DEADLINE_STAGE_RANK[clock.flag] >= DEADLINE_STAGE_RANK[data.stage]) {
      this.logger.log(`job ${jobId}: clock ${data.clock} is already ${clock.flag}; no-op`);
      return;
    }
    // Warn first, flag after: the notifier is idempotent by message id, so a retry after a
    // crash between the two warns nobody twice and still sets the flag.
    const subject = `${clock.kind}-${data.stage}`;
    const notice = {
      subject,
      caseId: data.caseId,
      ...(clock.item === null ? {} : { item: clock.item }),
    };
    await warnWithSupervisors(this.departments, jobId, clock.department, notice);
    await this.transactions.run(async (manager) => {
      // The case's own transitions lock its row first, then its tasks, items and clocks;
      // flagging those in another order, unlocked, deadlocked with them.
      if (!(await lockCaseRow(manager, data.caseId))) return;
      const flagged = await manager.update(
        CaseClockEntity,
        { caseId: data.caseId, key: data.clock, generation: data.generation, status: 'running' },
        { flag: data.stage },
      );
      // Moved on since it was read (paused, stopped): the change scheduled checks of its own.
      if (flagged.affected !== 1) return;
      if (clock.item === null || (clock.kind !== 'item' && clock.kind !== 'procedure')) return;
      if (clock.kind === 'item') {
        await manager.update(
          CaseItemEntity,
          { caseId: data.caseId, item: clock.item },
          { dueFlag: data.stage },
        );
      }
      // The open tasks this clock times: procedure tasks for a procedure clock, the others for the item.
      const open = await manager.findBy(TaskEntity, {
        caseId: data.caseId,
        item: clock.item,
        status: In(['open', 'claimed']),
      });
      for (const task of open) {
        if ((task.kind === 'procedure') !== (clock.kind === 'procedure')) continue;
        await manager.update(TaskEntity, { id: task.id }, { dueFlag: data.stage });
      }
    });
    this.logger.warn(`job ${jobId}: ${subject} for ${data.clock} of case ${data.caseId}`);
  }
}
