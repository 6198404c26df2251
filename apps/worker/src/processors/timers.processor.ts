import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { processorOptions, QueueName } from '@onevisit/queues';
import { TimerJobs } from '../jobs/timer-jobs.service.js';
import { decodeJob, jobIdOf, unknownJob } from './queue-jobs.js';

/** Timers come due (BullMQ delayed jobs made from outbox rows with run_at). */
@Processor(QueueName.Timers, processorOptions(QueueName.Timers))
export class TimersProcessor extends WorkerHost {
  constructor(private readonly timers: TimerJobs) {
    super();
  }

  async process(job: Job): Promise<void> {
    const typed = decodeJob<QueueName.Timers>(job);
    switch (typed.name) {
      case 'timer.fire':
        return this.timers.fire(jobIdOf(job), typed.data);
    }
    unknownJob(QueueName.Timers, job);
  }
}
