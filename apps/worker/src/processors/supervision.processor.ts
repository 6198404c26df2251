import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { BundleDefinitionEntity, TransactionRunner } from '@onevisit/persistence';
import { SUPERVISION_PLATFORM, type SupervisionPlatform } from '@onevisit/integrations';
import { type AnyJob, QueueName, queueSettings } from '@onevisit/queues';

/** Decodes supervision jobs and hands them to the platform adapter. */
@Processor(QueueName.Supervision, { concurrency: queueSettings(QueueName.Supervision).concurrency })
export class SupervisionProcessor extends WorkerHost {
  private readonly logger = new Logger(SupervisionProcessor.name);

  constructor(
    @Inject(SUPERVISION_PLATFORM) private readonly platform: SupervisionPlatform,
    private readonly tx: TransactionRunner,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    const typed = job as unknown as AnyJob;
    switch (typed.name) {
      case 'supervision.bundle-published': {
        const { bundleCode, version, checksum } = typed.data;
        const row = await this.tx.dataSource
          .getRepository(BundleDefinitionEntity)
          .findOneBy({ code: bundleCode, version });
        if (!row || row.checksum !== checksum) {
          // The version this job was made for is not there as it was: nothing to report.
          this.logger.warn(
            `job ${job.id}: ${bundleCode}@${version} not found with checksum ${checksum}; skipped`,
          );
          return;
        }
        await this.platform.pushBundlePublished(String(job.id), {
          code: bundleCode,
          version,
          checksum,
          name: row.body.name,
        });
        return;
      }
    }
  }
}
