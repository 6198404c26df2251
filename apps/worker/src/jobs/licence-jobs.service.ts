import { Inject, Injectable, Logger } from '@nestjs/common';
import type { LicenceType } from '@onevisit/definitions';
import { LicenceIssuer, type LicenceHolder, licenceHolderFromAnswers } from '@onevisit/licences';
import type { JobPayloads } from '@onevisit/queues';
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
  ) {}

  /**
   * Issues the item's licences and records them in the case in one transaction, under
   * the case's row lock: a licence exists exactly when its case says so, and the items of
   * one case, issued in parallel, queue on the lock instead of racing for its version. A
   * second run of the job finds the licences recorded and writes nothing.
   */
  async issue(jobId: string, data: JobPayloads['licence.issue']): Promise<void> {
    // Looked up before the transaction: nothing inside it waits on a second connection.
    const bundle = data.bundle ?? (await this.bundleOf(data.caseId));
    const licenceTypes = await this.licenceTypesOf(bundle, data.licenceTypes);
    await this.issuer.prepare(licenceTypes);
    const issuedAt = new Date();
    const reserved = await this.issuer.reserveNumbers(licenceTypes, issuedAt);
    let skipped = '';
    const committed = await this.cases.applyDecided(
      data.caseId,
      async (record) => {
        const progress = record.context.items[data.item];
        if (!progress || !AWAITING_LICENCE.has(progress.status)) {
          skipped = `item ${data.item} is ${progress?.status ?? 'unknown'}, not waiting for a licence`;
          return null;
        }
        if (recordedAll(record, data)) {
          skipped = `licences of ${data.item} already recorded`;
          return null;
        }
        // The issuer's own transaction joins this one.
        const issued = await this.issuer.issue({
          caseId: data.caseId,
          item: data.item,
          licenceTypes,
          holder: holderOf(record),
          issuedAt,
          reserved,
        });
        return {
          type: 'LICENCE_ISSUED',
          item: data.item,
          licences: issued.map((licence) => ({ type: licence.type, number: licence.number })),
        };
      },
      { kind: 'system', source: 'worker:licences' },
    );
    if (!committed) this.logger.log(`job ${jobId}: ${skipped} in case ${data.caseId}; no-op`);
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

/** Whether the case already holds a number for every licence type of the job's item. */
function recordedAll(record: CaseRecord, data: JobPayloads['licence.issue']): boolean {
  const recorded = record.context.licences.filter(
    (licence) => licence.item === data.item && licence.number !== null,
  );
  return data.licenceTypes.every((type) => recorded.some((licence) => licence.type === type));
}
