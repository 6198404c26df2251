import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { processorOptions, QueueName } from '@onevisit/queues';
import { IdentityCheckJobs } from '../jobs/identity-check-jobs.service.js';
import { decodeJob, jobIdOf, unknownJob } from './queue-jobs.js';

/** Queries shared population and enterprise data. */
@Processor(QueueName.DataSharing, processorOptions(QueueName.DataSharing))
export class DataSharingProcessor extends WorkerHost {
  constructor(private readonly identity: IdentityCheckJobs) {
    super();
  }

  async process(job: Job): Promise<void> {
    const typed = decodeJob<QueueName.DataSharing>(job);
    switch (typed.name) {
      case 'data-sharing.identity-check':
        return this.identity.check(jobIdOf(job), typed.data);
    }
    unknownJob(QueueName.DataSharing, job);
  }
}
