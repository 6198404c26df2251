import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { processorOptions, QueueName } from '@onevisit/queues';
import { LicenceJobs } from '../jobs/licence-jobs.service.js';
import { decodeJob, jobIdOf, unknownJob } from './queue-jobs.js';

/** Issues and revokes e-licences. */
@Processor(QueueName.Licences, processorOptions(QueueName.Licences))
export class LicencesProcessor extends WorkerHost {
  constructor(private readonly licences: LicenceJobs) {
    super();
  }

  async process(job: Job): Promise<void> {
    const typed = decodeJob<QueueName.Licences>(job);
    switch (typed.name) {
      case 'licence.issue':
        return this.licences.issue(jobIdOf(job), typed.data);
      case 'licence.revoke':
        return this.licences.revoke(jobIdOf(job), typed.data);
    }
    unknownJob(QueueName.Licences, job);
  }
}
