import { Inject, Injectable, Logger } from '@nestjs/common';
import { type CaseEvent, WINDOW_DEPARTMENT } from '@onevisit/definitions';
import {
  DEPARTMENT_NOTIFIER,
  type DepartmentNotifier,
  maskIdNumber,
  SHARED_DATA_GATEWAY,
  type SharedDataGateway,
} from '@onevisit/integrations';
import { DataCheckEntity, rowWriterOf, TransactionRunner } from '@onevisit/persistence';
import type { JobPayloads } from '@onevisit/queues';
import type { EntityManager } from 'typeorm';
import { isEventRejected } from '../cases/case-outcome.js';
import { CaseEventsSender } from '../cases/case-events.sender.js';
import { CASE_PORT, type CasePort, type CaseRecord, type SystemActor } from '../cases/case-port.js';
import { LICENCE_ACTOR, LicenceIssuing } from './licence-issuing.js';

/** Who sends IDENTITY_CHECKED. */
const CHECK_ACTOR: SystemActor = { kind: 'system', source: 'worker:data-sharing' };

/**
 * Checks the applicant's identity against shared data. The answer is stored in
 * `data_check` (keyed by job id), the window is told when something is wrong, and the
 * case gets IDENTITY_CHECKED: bundles with an instant-approval (秒批) rule that needs it
 * decide on it; other bundles have no use for it.
 *
 * When the answer approves items, their licences are issued in the same case transaction
 * as the answer and the check's record: one transaction and no licence job, instead of
 * two transactions and a job between them.
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
    private readonly licences: LicenceIssuing,
  ) {}

  async check(jobId: string, data: JobPayloads['data-sharing.identity-check']): Promise<void> {
    const record = await this.cases.get(data.caseId);
    const { applicantName, applicantIdNumber } = record.context.answers;
    const person = {
      name: typeof applicantName === 'string' ? applicantName : '',
      idNumber: typeof applicantIdNumber === 'string' ? applicantIdNumber : '',
    };
    const outcome = await this.sharedData.checkIdentity(jobId, person);
    const checked: DataCheckEntity = {
      id: jobId,
      caseId: data.caseId,
      kind: 'identity',
      result: outcome.result,
      detail: { idNumber: maskIdNumber(person.idNumber), detail: outcome.detail },
      checkedAt: new Date(),
    };
    if (outcome.result !== 'match') {
      await this.departments.notify(jobId, {
        department: WINDOW_DEPARTMENT,
        subject: `identity-check-${outcome.result}`,
        caseId: data.caseId,
      });
    }
    this.logger.log(`job ${jobId}: identity check of case ${data.caseId}: ${outcome.result}`);
    const event: CaseEvent = { type: 'IDENTITY_CHECKED', result: outcome.result };
    // Only bundles whose machine waits for the answer hold the field in their context.
    const sendsEvent = 'identityCheck' in record.context;
    if (sendsEvent && (await this.recordTogether(jobId, record, checked, event))) return;
    await this.tx.runStatement((manager) => recordCheck(manager, checked));
    if (sendsEvent) await this.events.send(jobId, data.caseId, event, CHECK_ACTOR.source);
  }

  /**
   * The check's record, IDENTITY_CHECKED and the licences of the items it approves, in
   * one case transaction. Their numbers are reserved first, for the licences a preview
   * of the event on the case as read says it will ask for. False when that transaction
   * fails: the caller then records the check and sends the event apart, as for a case
   * that moved on, and the licences go out as their own job (which splits, retries and
   * raises incidents item by item).
   */
  private async recordTogether(
    jobId: string,
    record: CaseRecord,
    checked: DataCheckEntity,
    event: CaseEvent,
  ): Promise<boolean> {
    try {
      const requested = await this.cases.licencesRequestedBy(record, [event], CHECK_ACTOR);
      const bundle = { code: record.bundleCode, version: record.bundleVersion };
      const prepared =
        requested.length > 0
          ? await this.licences.prepare(record.id, bundle, requested)
          : undefined;
      const skipped: string[] = [];
      await this.cases.applyDecided(
        record.id,
        async (_case, manager) => {
          await recordCheck(manager, checked);
          return [event];
        },
        CHECK_ACTOR,
        prepared && {
          followUp: {
            decide: (approved) => this.licences.issueIn(approved, prepared, skipped),
            actor: LICENCE_ACTOR,
          },
          readWithLock: this.licences.readWithLock(prepared),
        },
      );
      if (skipped.length > 0) {
        this.logger.log(
          `job ${jobId}: ${skipped.join('; ')} in case ${record.id}; not issued with the answer`,
        );
      }
      return true;
    } catch (error) {
      if (!isEventRejected(error)) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn(
          `job ${jobId}: recording the identity check of case ${record.id} in one ` +
            `transaction with what it decides failed (${reason}); recording them apart`,
        );
      }
      return false;
    }
  }
}

/** A retried job records its check once. */
function recordCheck(manager: EntityManager, checked: DataCheckEntity): Promise<unknown> {
  return rowWriterOf(manager, DataCheckEntity).insert(manager, [checked], {
    ignoreDuplicates: true,
  });
}
