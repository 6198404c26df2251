import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { processorOptions, QueueName } from '@onevisit/queues';
import { JobBatches } from '../jobs/job-batches.service.js';
import { NotificationJobs } from '../jobs/notification-jobs.service.js';
import { decodeJob, jobIdOf, unknownJob } from './queue-jobs.js';

/** Texts applicants. */
@Processor(QueueName.Notifications, processorOptions(QueueName.Notifications))
export class NotificationsProcessor extends WorkerHost {
  constructor(
    private readonly notifications: NotificationJobs,
    private readonly batches: JobBatches,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    const typed = decodeJob<QueueName.Notifications>(job);
    switch (typed.name) {
      case 'notification.send':
        return this.notifications.send(jobIdOf(job), typed.data);
      case 'notification.send-batch':
        return this.batches.run(jobIdOf(job), 'notification.send', typed.data.entries, (id, data) =>
          this.notifications.send(id, data),
        );
    }
    unknownJob(QueueName.Notifications, job);
  }
}
