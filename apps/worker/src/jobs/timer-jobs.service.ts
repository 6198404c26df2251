import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEPARTMENT_NOTIFIER, type DepartmentNotifier } from '@onevisit/integrations';
import type { JobPayloads } from '@onevisit/queues';
import { CaseEventsSender } from '../cases/case-events.sender.js';
import { CASE_PORT, type CasePort } from '../cases/case-port.js';
import { PublishedBundles } from '../cases/published-bundles.js';

/**
 * Timers come due. The supplement deadline is an event of the machine; the post-check
 * deadline is not (the post-check task already exists from the commitment), so when the
 * item is still unchecked the department is reminded that its post-check is overdue.
 */
@Injectable()
export class TimerJobs {
  private readonly logger = new Logger(TimerJobs.name);

  constructor(
    @Inject(CASE_PORT) private readonly cases: CasePort,
    @Inject(DEPARTMENT_NOTIFIER) private readonly departments: DepartmentNotifier,
    private readonly bundles: PublishedBundles,
    private readonly events: CaseEventsSender,
  ) {}

  async fire(jobId: string, data: JobPayloads['timer.fire']): Promise<void> {
    switch (data.timer) {
      case 'supplement-deadline':
        await this.supplementDeadline(jobId, data);
        return;
      case 'post-check-due':
        await this.postCheckDue(jobId, data);
        return;
    }
  }

  /**
   * The deadline is applied once: a second run of this job (taken over from a worker that
   * died after applying it) finds it applied, and two runs at once race on the version.
   */
  private async supplementDeadline(jobId: string, data: JobPayloads['timer.fire']): Promise<void> {
    const record = await this.cases.get(data.caseId);
    if (record.context.supplementExpired) {
      this.logger.log(
        `job ${jobId}: supplement deadline of case ${data.caseId} already applied; no-op`,
      );
      return;
    }
    await this.events.send(
      jobId,
      data.caseId,
      { type: 'SUPPLEMENT_DEADLINE_PASSED' },
      'worker:timers',
      { expectedVersion: record.version },
    );
  }

  private async postCheckDue(jobId: string, data: JobPayloads['timer.fire']): Promise<void> {
    const item = data.item;
    const record = await this.cases.get(data.caseId);
    const status = item ? record.context.items[item]?.status : undefined;
    if (!item || status !== 'committed') {
      this.logger.log(
        `job ${jobId}: post-check of ${item ?? '?'} in case ${data.caseId} is ${status ?? 'unknown'}; no-op`,
      );
      return;
    }
    const bundle = await this.bundles.resolved(record.bundleCode, record.bundleVersion);
    const department = bundle.items.find((candidate) => candidate.code === item)?.department;
    if (!department)
      throw new Error(`item ${item} is not in ${record.bundleCode}@${record.bundleVersion}`);
    await this.departments.notify(jobId, {
      department,
      subject: 'post-check-overdue',
      caseId: data.caseId,
      item,
    });
    this.logger.warn(`job ${jobId}: post-check of ${item} in case ${data.caseId} is overdue`);
  }
}
