import { Inject, Injectable, Logger } from '@nestjs/common';
import { LicenceIssuer, licenceHolderFromAnswers } from '@onevisit/licences';
import type { JobPayloads } from '@onevisit/queues';
import { CaseEventsSender } from '../cases/case-events.sender.js';
import { CASE_PORT, type CasePort, type CaseRecord } from '../cases/case-port.js';
import { PublishedBundles } from '../cases/published-bundles.js';
import { isStaleVersion, jitterMs, pause } from '../cases/case-outcome.js';

/** Item statuses in which the machine waits for LICENCE_ISSUED. */
const AWAITING_LICENCE = new Set(['issuing', 'committed']);

/** Lost races on the case row retried in the job before BullMQ's own (slow) retry takes over. */
const STALE_ATTEMPTS = 8;

/** Issues an approved item's licences and tells the case; revokes them after a failed post-check. */
@Injectable()
export class LicenceJobs {
  private readonly logger = new Logger(LicenceJobs.name);

  constructor(
    @Inject(CASE_PORT) private readonly cases: CasePort,
    private readonly bundles: PublishedBundles,
    private readonly issuer: LicenceIssuer,
    private readonly events: CaseEventsSender,
  ) {}

  async issue(jobId: string, data: JobPayloads['licence.issue']): Promise<void> {
    const record = await this.cases.get(data.caseId);
    const progress = record.context.items[data.item];
    if (!progress || !AWAITING_LICENCE.has(progress.status)) {
      this.logger.log(
        `job ${jobId}: item ${data.item} of case ${data.caseId} is ${progress?.status ?? 'unknown'}, not waiting for a licence; no-op`,
      );
      return;
    }
    if (recordedAll(record, data)) {
      this.logger.log(`job ${jobId}: licences of ${data.item} already recorded; no-op`);
      return;
    }

    const holder = licenceHolderFromAnswers(record.context.answers);
    // Answers are validated at submission, so this is a definition that lacks the
    // applicant fields: no retry will fix it, but an incident will show it to an admin.
    if (!holder) throw new Error(`case ${data.caseId}: no holder name and ID in the answers`);
    const resolved = await this.bundles.resolved(record.bundleCode, record.bundleVersion);
    const licenceTypes = data.licenceTypes.map((code) => {
      const type = resolved.licenceTypes.find((candidate) => candidate.code === code);
      if (!type)
        throw new Error(
          `licence type ${code} is not in ${record.bundleCode}@${record.bundleVersion}`,
        );
      return type;
    });

    const issued = await this.issuer.issue({
      caseId: data.caseId,
      item: data.item,
      licenceTypes,
      holder,
    });
    // A pledged item accepts LICENCE_ISSUED more than once, so two runs of this job at once
    // (a stalled job taken over while its first run still goes on) must not both record it:
    // send on the version just read. The items of one case are issued in parallel and all
    // write the same case row, so losing that race is routine: read again and retry here,
    // after a short random pause, instead of failing the job into BullMQ's seconds-long backoff.
    for (let attempt = 1; ; attempt++) {
      const fresh = await this.cases.get(data.caseId);
      if (recordedAll(fresh, data)) {
        this.logger.log(`job ${jobId}: licences of ${data.item} already recorded; no-op`);
        return;
      }
      try {
        await this.events.send(
          jobId,
          data.caseId,
          {
            type: 'LICENCE_ISSUED',
            item: data.item,
            licences: issued.map((licence) => ({ type: licence.type, number: licence.number })),
          },
          'worker:licences',
          { expectedVersion: fresh.version },
        );
        return;
      } catch (error) {
        if (!isStaleVersion(error) || attempt >= STALE_ATTEMPTS) throw error;
        await pause(jitterMs(attempt));
      }
    }
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

/** Whether the case already holds a number for every licence type of the job's item. */
function recordedAll(record: CaseRecord, data: JobPayloads['licence.issue']): boolean {
  const recorded = record.context.licences.filter(
    (licence) => licence.item === data.item && licence.number !== null,
  );
  return data.licenceTypes.every((type) => recorded.some((licence) => licence.type === type));
}
