/**
 * Every queue and every job, with its payload type: the one place to look.
 *
 * An outbox row's `topic` is a job name and its `payload` that job's data; the relay
 * enqueues it with job id = outbox row id. Payloads carry ids, never whole records:
 * handlers reload what they need, so a retried job sees current state.
 */
export enum QueueName {
  Supervision = 'supervision',
}

export interface JobPayloads {
  /** 事项目录同步: report a newly published bundle version to the supervision platform. */
  'supervision.bundle-published': { bundleCode: string; version: number; checksum: string };
}

export type JobName = keyof JobPayloads;

export interface JobOf<N extends JobName> {
  name: N;
  data: JobPayloads[N];
}

/** The discriminated union of all jobs, for exhaustive switches in processors. */
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];

export const QUEUE_OF_JOB: { readonly [N in JobName]: QueueName } = {
  'supervision.bundle-published': QueueName.Supervision,
};

export function isJobName(topic: string): topic is JobName {
  return Object.hasOwn(QUEUE_OF_JOB, topic);
}
