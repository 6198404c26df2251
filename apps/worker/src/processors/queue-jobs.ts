import { type Job, UnrecoverableError } from 'bullmq';
import { type AnyJob, type JobName, QUEUE_OF_JOB, type QueueName } from '@onevisit/queues';

/** The jobs of one queue, as a union the processor's switch must cover. */
export type JobsOfQueue<Q extends QueueName> = Extract<
  AnyJob,
  { name: { [N in JobName]: (typeof QUEUE_OF_JOB)[N] extends Q ? N : never }[JobName] }
>;

/** The BullMQ job seen through the catalogue: its name decides the type of its data. */
export function decodeJob<Q extends QueueName>(job: Job): JobsOfQueue<Q> {
  return job as unknown as JobsOfQueue<Q>;
}

/** A job this queue has no handler for: a programming error, never retried. */
export function unknownJob(queue: QueueName, job: Job): never {
  throw new UnrecoverableError(`queue ${queue} has no handler for job "${job.name}"`);
}

/** BullMQ ids are optional in its types; ours are always the outbox id. */
export function jobIdOf(job: Job): string {
  if (job.id === undefined) throw new UnrecoverableError(`job "${job.name}" has no id`);
  return job.id;
}
