import { Inject, Injectable, Logger } from '@nestjs/common';
import { WINDOW_DEPARTMENT } from '@onevisit/definitions';
import {
  DEPARTMENT_NOTIFIER,
  type DepartmentNotifier,
  maskIdNumber,
  SHARED_DATA_GATEWAY,
  type SharedDataGateway,
} from '@onevisit/integrations';
import { DataCheckEntity, rowWriterOf, TransactionRunner } from '@onevisit/persistence';
import type { JobPayloads } from '@onevisit/queues';
import { CaseEventsSender } from '../cases/case-events.sender.js';
import { CASE_PORT, type CasePort } from '../cases/case-port.js';

/**
 * Checks the applicant's identity against shared data. The answer is stored in
 * `data_check` (keyed by job id), the window is told when something is wrong, and the
 * case gets IDENTITY_CHECKED: bundles with an instant-approval (秒批) rule that needs it
 * decide on it; other bundles have no use for it.
 */
@Injectable()
export class IdentityCheckJobs {
  private readonly logger = new Logger(IdentityCheckJobs.name);

  constructor(
    @Inject(CASE_PORT) private readonly cases: CasePort,
    @Inject(SHARED_DATA_GATEWAY) private readonly sharedData: SharedDataGateway,
    @Inject(DEPARTMENT_NOTIFIER) private readonly departments: DepartmentNotifier,
    private readonly tx: TransactionRunner,
    private readonly events: CaseEventsSender,
  ) {}

  async check(jobId: string, data: JobPayloads['data-sharing.identity-check']): Promise<void> {
    const record = await this.cases.get(data.caseId);
    const { applicantName, applicantIdNumber } = record.context.answers;
    const person = {
      name: typeof applicantName === 'string' ? applicantName : '',
      idNumber: typeof applicantIdNumber === 'string' ? applicantIdNumber : '',
    };
    const outcome = await this.sharedData.checkIdentity(jobId, person);
    await this.tx.runStatement((manager) =>
      rowWriterOf(manager, DataCheckEntity).insert(
        manager,
        [
          {
            id: jobId,
            caseId: data.caseId,
            kind: 'identity',
            result: outcome.result,
            detail: { idNumber: maskIdNumber(person.idNumber), detail: outcome.detail },
            checkedAt: new Date(),
          },
        ],
        // A retried job records its check once.
        { ignoreDuplicates: true },
      ),
    );
    if (outcome.result !== 'match') {
      await this.departments.notify(jobId, {
        department: WINDOW_DEPARTMENT,
        subject: `identity-check-${outcome.result}`,
        caseId: data.caseId,
      });
    }
    this.logger.log(`job ${jobId}: identity check of case ${data.caseId}: ${outcome.result}`);
    // Only bundles whose machine waits for the answer hold the field in their context.
    if (!('identityCheck' in record.context)) return;
    await this.events.send(
      jobId,
      data.caseId,
      { type: 'IDENTITY_CHECKED', result: outcome.result },
      'worker:data-sharing',
    );
  }
}
