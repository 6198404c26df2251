import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { IncidentEntity, TransactionRunner } from '@onevisit/persistence';

/**
 * Turns a job that failed for the last time into an incident row: an admin lists it,
 * fixes the cause, and retries it. Earlier failures are BullMQ's business (it retries).
 */
@Injectable()
export class IncidentRecorder {
  private readonly logger = new Logger(IncidentRecorder.name);

  /** True when this failure was the job's last attempt. */
  static isFinalFailure(job: Job, error: Error): boolean {
    // UnrecoverableError skips the remaining attempts: it is final whatever the count says.
    if (error.name === 'UnrecoverableError') return true;
    return job.attemptsMade >= (job.opts.attempts ?? 1);
  }

  constructor(private readonly tx: TransactionRunner) {}

  async record(queue: string, job: Job, error: Error): Promise<IncidentEntity> {
    const incident: IncidentEntity = {
      id: randomUUID(),
      queue,
      jobName: job.name,
      jobId: String(job.id),
      payload: (job.data ?? {}) as Record<string, unknown>,
      error: (error.stack ?? error.message).slice(0, 8000),
      attempts: job.attemptsMade,
      createdAt: new Date(),
      resolvedAt: null,
      resolvedBy: null,
    };
    await this.tx.run((manager) => manager.save(IncidentEntity, incident));
    this.logger.error(
      `incident ${incident.id}: ${queue}/${job.name} job ${incident.jobId} failed after ${job.attemptsMade} attempt(s): ${error.message}`,
    );
    return incident;
  }
}
