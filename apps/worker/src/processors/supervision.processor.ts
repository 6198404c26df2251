import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { processorOptions, QueueName } from '@onevisit/queues';
import { JobBatches } from '../jobs/job-batches.service.js';
import { SupervisionJobs } from '../jobs/supervision-jobs.service.js';
import { decodeJob, jobIdOf, unknownJob } from './queue-jobs.js';

/** Pushes catalogue and case milestones to the supervision platform. */
@Processor(QueueName.Supervision, processorOptions(QueueName.Supervision))
export class SupervisionProcessor extends WorkerHost {
  constructor(
    private readonly supervision: SupervisionJobs,
    private readonly batches: JobBatches,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    const typed = decodeJob<QueueName.Supervision>(job);
    switch (typed.name) {
      case 'supervision.bundle-published':
        return this.supervision.bundlePublished(jobIdOf(job), typed.data);
      case 'supervision.case-event':
        return this.supervision.caseEvent(jobIdOf(job), typed.data);
      case 'supervision.case-event-batch':
        return this.batches.run(
          jobIdOf(job),
          'supervision.case-event',
          typed.data.entries,
          (id, data) => this.supervision.caseEvent(id, data),
          (entries) => this.supervision.caseEvents(entries),
        );
    }
    unknownJob(QueueName.Supervision, job);
  }
}
