import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { processorOptions, QueueName } from '@onevisit/queues';
import { DeadlineJobs } from '../jobs/deadline-jobs.service.js';
import { FollowUpJobs } from '../jobs/follow-up-jobs.service.js';
import { decodeJob, jobIdOf, unknownJob } from './queue-jobs.js';

/**
 * Due-soon and overdue checks of time-limit clocks, and the due moments of complaint
 * replies and rectifications (delayed jobs from outbox rows with run_at).
 */
@Processor(QueueName.Deadlines, processorOptions(QueueName.Deadlines))
export class DeadlinesProcessor extends WorkerHost {
  constructor(
    private readonly deadlines: DeadlineJobs,
    private readonly followUps: FollowUpJobs,
  ) {
    super();
  }

  async process(job: Job): Promise<void> {
    const typed = decodeJob<QueueName.Deadlines>(job);
    switch (typed.name) {
      case 'deadline.check':
        return this.deadlines.check(jobIdOf(job), typed.data);
      case 'deadline.follow-up':
        return this.followUps.due(jobIdOf(job), typed.data);
    }
    unknownJob(QueueName.Deadlines, job);
  }
}
