import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSharingProcessor } from '../processors/data-sharing.processor.js';
import { LicencesProcessor } from '../processors/licences.processor.js';
import { NotificationsProcessor } from '../processors/notifications.processor.js';
import { SupervisionProcessor } from '../processors/supervision.processor.js';
import { TimersProcessor } from '../processors/timers.processor.js';
import { IncidentRecorder } from './incident-recorder.service.js';

/**
 * The one place where every queue's worker reports a job out of retries. Listening on
 * the workers (not on queue events) means each failure is seen exactly once, by the
 * process that ran the job.
 */
@Injectable()
export class IncidentHook implements OnApplicationBootstrap {
  private readonly logger = new Logger(IncidentHook.name);

  constructor(
    private readonly recorder: IncidentRecorder,
    private readonly licences: LicencesProcessor,
    private readonly notifications: NotificationsProcessor,
    private readonly timers: TimersProcessor,
    private readonly dataSharing: DataSharingProcessor,
    private readonly supervision: SupervisionProcessor,
  ) {}

  onApplicationBootstrap(): void {
    for (const host of [
      this.licences,
      this.notifications,
      this.timers,
      this.dataSharing,
      this.supervision,
    ]) {
      const worker = host.worker;
      worker.on('failed', (job: Job | undefined, error: Error) => {
        if (!job || !IncidentRecorder.isFinalFailure(job, error)) return;
        this.recorder.record(worker.name, job, error).catch((failure: unknown) => {
          // The database is away: the job stays in the failed set, where BullMQ keeps it.
          this.logger.error(
            `could not record incident for ${worker.name}/${job.id}: ${String(failure)}`,
          );
        });
      });
    }
  }
}
