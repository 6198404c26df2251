import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { processorOptions, QueueName } from '@onevisit/queues';
import { DeadlineJobs } from '../jobs/deadline-jobs.service.js';
import { decodeJob, jobIdOf, unknownJob } from './queue-jobs.js';

/** Due-soon and overdue checks of time-limit clocks (delayed jobs from outbox rows with run_at). */
@Processor(QueueName.Deadlines, processorOptions(QueueName.Deadlines))
export class DeadlinesProcessor extends WorkerHost {
  constructor(private readonly deadlines: DeadlineJobs) {
    super();
  }

  async process(job: Job): Promise<void> {
    const typed = decodeJob<QueueName.Deadlines>(job);
    switch (typed.name) {
      case 'deadline.check':
        return this.deadlines.check(jobIdOf(job), typed.data);
    }
    unknownJob(QueueName.Deadlines, job);
  }
}
