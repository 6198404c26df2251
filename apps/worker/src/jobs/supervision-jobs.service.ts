import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  SUPERVISION_PLATFORM,
  type SupervisionCaseEvent,
  type SupervisionPlatform,
} from '@onevisit/integrations';
import { BundleDefinitionEntity, TransactionRunner } from '@onevisit/persistence';
import { type BatchEntry, type JobPayloads, milestonesOf } from '@onevisit/queues';
import { CASE_PORT, type CasePort, type CaseRecord } from '../cases/case-port.js';

/** Pushes catalogue and case milestones to the supervision platform (message id = job id). */
@Injectable()
export class SupervisionJobs {
  private readonly logger = new Logger(SupervisionJobs.name);

  constructor(
    @Inject(SUPERVISION_PLATFORM) private readonly platform: SupervisionPlatform,
    @Inject(CASE_PORT) private readonly cases: CasePort,
    private readonly tx: TransactionRunner,
  ) {}

  async bundlePublished(
    jobId: string,
    data: JobPayloads['supervision.bundle-published'],
  ): Promise<void> {
    const { bundleCode, version, checksum } = data;
    const row = await this.tx.dataSource
      .getRepository(BundleDefinitionEntity)
      .findOneBy({ code: bundleCode, version });
    if (!row || row.checksum !== checksum) {
      // The version this job was made for is not there as it was: nothing to report.
      this.logger.warn(
        `job ${jobId}: ${bundleCode}@${version} not found with checksum ${checksum}; skipped`,
      );
      return;
    }
    await this.platform.pushBundlePublished(jobId, {
      code: bundleCode,
      version,
      checksum,
      name: row.body.name,
    });
  }

  async caseEvent(jobId: string, data: JobPayloads['supervision.case-event']): Promise<void> {
    await this.platform.pushCaseEvents(jobId, await this.eventsOf(data, new Date()));
  }

  /**
   * The messages of a batch, as one upload: each with the id its own job would have had.
   * Throws when the upload fails; the batch then sends them one by one (`caseEvent`).
   */
  async caseEvents(entries: readonly BatchEntry<'supervision.case-event'>[]): Promise<void> {
    const at = new Date();
    const messages = [];
    for (const entry of entries) {
      messages.push({ messageId: entry.id, events: await this.eventsOf(entry.data, at) });
    }
    await this.platform.pushCaseEventMessages(messages);
  }

  private async eventsOf(
    data: JobPayloads['supervision.case-event'],
    at: Date,
  ): Promise<SupervisionCaseEvent[]> {
    const occurredAt = at.toISOString();
    // Jobs made before transitions carried their facts: the case as it is now, read once.
    let now: CaseRecord | undefined;
    const events: SupervisionCaseEvent[] = [];
    for (const milestone of milestonesOf(data)) {
      const facts =
        milestone.facts ?? factsOf((now ??= await this.cases.get(data.caseId)), milestone.item);
      events.push({
        caseId: data.caseId,
        caseVersion: milestone.caseVersion ?? data.caseVersion,
        bundleCode: facts.bundleCode,
        bundleVersion: facts.bundleVersion,
        topic: milestone.topic,
        item: milestone.item ?? null,
        caseStatus: facts.caseStatus,
        itemStatus: facts.itemStatus,
        occurredAt,
      });
    }
    return events;
  }
}

function factsOf(record: CaseRecord, item: string | undefined) {
  return {
    bundleCode: record.bundleCode,
    bundleVersion: record.bundleVersion,
    caseStatus: record.status,
    itemStatus: item ? (record.context.items[item]?.status ?? null) : null,
  };
}
