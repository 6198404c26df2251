import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CaseEvent, LicenceType } from '@onevisit/definitions';
import { LicenceIssuer, type LicenceHolder, licenceHolderFromAnswers } from '@onevisit/licences';
import { type JobPayloads, type LicenceIssueItem, licenceItemsOf } from '@onevisit/queues';
import { JobOutbox } from './job-outbox.js';
import { CASE_PORT, type CasePort, type CaseRecord } from '../cases/case-port.js';
import { PublishedBundles } from '../cases/published-bundles.js';

type BundleRef = { code: string; version: number };

/** Item statuses in which the machine waits for LICENCE_ISSUED. */
const AWAITING_LICENCE = new Set(['issuing', 'committed']);

/** Issues an approved item's licences and tells the case; revokes them after a failed post-check. */
@Injectable()
export class LicenceJobs {
  private readonly logger = new Logger(LicenceJobs.name);

  constructor(
    @Inject(CASE_PORT) private readonly cases: CasePort,
    private readonly bundles: PublishedBundles,
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
    const items = await Promise.all(
      gathered.map(async (item) => ({
        item: item.item,
        licenceTypes: await this.licenceTypesOf(bundle, item.licenceTypes),
      })),
    );
    const allTypes = items.flatMap((item) => item.licenceTypes);
    await this.issuer.prepare(allTypes);
    const issuedAt = new Date();
    const reserved = await this.issuer.reserveNumbers(allTypes, issuedAt);
    const skipped: string[] = [];
    const committed = await this.cases.applyDecided(
      data.caseId,
      async (record) => {
        const wanted = items.filter(({ item, licenceTypes }) => {
          const status = record.context.items[item]?.status;
          if (status === undefined || !AWAITING_LICENCE.has(status)) {
            skipped.push(`item ${item} is ${status ?? 'unknown'}, not waiting for a licence`);
            return false;
          }
          if (recordedAll(record, item, licenceTypes)) {
            skipped.push(`licences of ${item} already recorded`);
            return false;
          }
          return true;
        });
        if (wanted.length === 0) return [];
        const holder = holderOf(record);
        // The issuer's own transaction joins this one.
        const issued = await this.issuer.issueItems(
          wanted.map(({ item, licenceTypes }) => ({
            caseId: data.caseId,
            item,
            licenceTypes,
            holder,
            issuedAt,
            reserved,
          })),
        );
        return wanted.map(({ item }, index): CaseEvent => ({
          type: 'LICENCE_ISSUED',
          item,
          licences: (issued[index] ?? []).map((licence) => ({
            type: licence.type,
            number: licence.number,
          })),
        }));
      },
      { kind: 'system', source: 'worker:licences' },
    );
    if (skipped.length > 0) {
      const outcome = committed ? 'the others recorded' : 'no-op';
      this.logger.log(`job ${jobId}: ${skipped.join('; ')} in case ${data.caseId}; ${outcome}`);
    }
  }

  private async licenceTypesOf(bundle: BundleRef, codes: string[]): Promise<LicenceType[]> {
    const resolved = await this.bundles.resolved(bundle.code, bundle.version);
    return codes.map((code) => {
      const type = resolved.licenceTypes.find((candidate) => candidate.code === code);
      if (!type) throw new Error(`licence type ${code} is not in ${bundle.code}@${bundle.version}`);
      return type;
    });
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

/**
 * The licence holder from the answers. Answers are validated at submission, so a case
 * without them has a definition that lacks the applicant fields: no retry will fix it,
 * but an incident will show it to an admin.
 */
function holderOf(record: CaseRecord): LicenceHolder {
  const holder = licenceHolderFromAnswers(record.context.answers);
  if (!holder) throw new Error(`case ${record.id}: no holder name and ID in the answers`);
  return holder;
}

/** Whether the case already holds a number for every licence type of the item. */
function recordedAll(record: CaseRecord, item: string, licenceTypes: LicenceType[]): boolean {
  const recorded = record.context.licences.filter(
    (licence) => licence.item === item && licence.number !== null,
  );
  return licenceTypes.every((type) => recorded.some((licence) => licence.type === type.code));
}
