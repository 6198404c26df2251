import { Inject, Injectable, Logger } from '@nestjs/common';
import { LicenceIssuer } from '@onevisit/licences';
import { type JobPayloads, type LicenceIssueItem, licenceItemsOf } from '@onevisit/queues';
import { JobOutbox } from './job-outbox.js';
import { type BundleRef, LICENCE_ACTOR, LicenceIssuing } from './licence-issuing.js';
import { CASE_PORT, type CasePort } from '../cases/case-port.js';

/** Issues an approved item's licences and tells the case; revokes them after a failed post-check. */
@Injectable()
export class LicenceJobs {
  private readonly logger = new Logger(LicenceJobs.name);

  constructor(
    @Inject(CASE_PORT) private readonly cases: CasePort,
    private readonly issuing: LicenceIssuing,
    private readonly issuer: LicenceIssuer,
    private readonly outbox: JobOutbox,
  ) {}

  /**
   * Issues the licences of the job's items and records them in the case (one
   * LICENCE_ISSUED per item) in one transaction, under the case's row lock: a licence
   * exists exactly when its case says so, and other writers of the case queue on the lock
   * instead of racing for its version. Items no longer waiting, or already recorded (a
   * second run of the job), are left out; when none is left, nothing is written.
   */
  async issue(jobId: string, data: JobPayloads['licence.issue']): Promise<void> {
    const items = licenceItemsOf(data);
    try {
      await this.issueTogether(jobId, data, items);
    } catch (error) {
      if (items.length < 2) throw error;
      await this.splitUp(jobId, data, items, error);
    }
  }

  /**
   * A job of several items that fails hands each item a job of its own: one item's
   * failure (a licence type missing from the bundle, say) then holds back no other, and
   * each retries and raises its incident on its own. Items already recorded make their
   * jobs no-ops. When even the split cannot be written (the database is away), the job
   * fails as a whole and BullMQ retries it.
   */
  private async splitUp(
    jobId: string,
    data: JobPayloads['licence.issue'],
    items: LicenceIssueItem[],
    error: unknown,
  ): Promise<void> {
    const { caseId, caseVersion, bundle } = data;
    const reason = error instanceof Error ? error.message : String(error);
    try {
      await this.outbox.add(
        items.map((item) => ({
          name: 'licence.issue' as const,
          data: { caseId, caseVersion, ...(bundle ? { bundle } : {}), items: [item] },
        })),
      );
    } catch (splitError) {
      throw new Error(`job ${jobId}: could not split after a failure (${reason})`, {
        cause: splitError,
      });
    }
    this.logger.warn(
      `job ${jobId}: issuing ${items.length} items of case ${caseId} together failed ` +
        `(${reason}); split into one job per item`,
    );
  }

  private async issueTogether(
    jobId: string,
    data: JobPayloads['licence.issue'],
    gathered: LicenceIssueItem[],
  ): Promise<void> {
    // Looked up before the transaction: nothing inside it waits on a second connection.
    const bundle = data.bundle ?? (await this.bundleOf(data.caseId));
    const prepared = await this.issuing.prepare(data.caseId, bundle, gathered);
    const skipped: string[] = [];
    const committed = await this.cases.applyDecided(
      data.caseId,
      (record) => this.issuing.issueIn(record, prepared, skipped),
      LICENCE_ACTOR,
      { readWithLock: this.issuing.readWithLock(prepared) },
    );
    if (skipped.length > 0) {
      const outcome = committed ? 'the others recorded' : 'no-op';
      this.logger.log(`job ${jobId}: ${skipped.join('; ')} in case ${data.caseId}; ${outcome}`);
    }
  }

  /** For a job made before it carried its bundle version: the case's. */
  private async bundleOf(caseId: string): Promise<BundleRef> {
    const record = await this.cases.get(caseId);
    return { code: record.bundleCode, version: record.bundleVersion };
  }

  async revoke(jobId: string, data: JobPayloads['licence.revoke']): Promise<void> {
    const record = await this.cases.get(data.caseId);
    const ended = record.context.items[data.item]?.reason;
    const breach = record.context.breaches.find((candidate) => candidate.item === data.item);
    const reason =
      ended?.code === 'post-check-failed'
        ? `post-check failed: ${ended.reason}`
        : breach
          ? `breach: ${breach.reason}`
          : 'approval revoked';
    const revoked = await this.issuer.revoke(data.caseId, data.item, data.licenceTypes, reason);
    this.logger.log(
      `job ${jobId}: ${revoked} licence(s) of ${data.item} in case ${data.caseId} revoked (${reason})`,
    );
  }
}
