import { ProcessorDecoratorService } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { requestIdFrom, requestIdOfJobData, runWithContext } from './request-context.js';

type Processor = (job: Job, token?: string) => Promise<unknown>;

let installed = false;

/**
 * Runs every BullMQ processor inside the context of its job: the request id that caused
 * it (carried in the job data by the outbox writer, or a fresh one), queue, name and id.
 * Every log line of the job, and every outbox row it writes, then carries that id.
 *
 * `@nestjs/bullmq` passes each processor through `ProcessorDecoratorService.decorate`,
 * which exists to be overridden; its provider is private to BullModule, so the one
 * override is made on the class, once per process.
 */
export function installJobContext(): void {
  if (installed) return;
  installed = true;
  const prototype = ProcessorDecoratorService.prototype;
  const original = Object.getOwnPropertyDescriptor(prototype, 'decorate')?.value as (
    this: ProcessorDecoratorService,
    processor: Processor,
  ) => Processor;
  prototype.decorate = function decorate(
    this: ProcessorDecoratorService,
    processor: Processor,
  ): Processor {
    const inner = original.call(this, processor);
    return (job, token) =>
      runWithContext(
        {
          requestId: requestIdOfJobData(job.data) ?? requestIdFrom(undefined),
          queue: job.queueName,
          jobName: job.name,
          jobId: job.id,
        },
        () => inner(job, token),
      );
  } as typeof prototype.decorate;
}
