import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { OutboxEntity } from '@onevisit/persistence';
import {
  BATCHED_AS,
  type BatchEntry,
  isBatchable,
  type JobName,
  type QueueName,
} from './job-catalogue.js';
import { jobOptionsOf } from './queue-settings.js';

/** At most this many entries in one batch job: bounds one run's work and its retry. */
export const MAX_BATCH_ENTRIES = 50;

/** A job the relay adds for some of the rows of one pass. */
export interface RelayedJob {
  name: JobName;
  data: unknown;
  jobId: string;
  /** When a delayed job (timer) may run; null: now. */
  runAt: Date | null;
}

/**
 * The jobs for one relay pass's rows of one queue. Each row is its own job (job id = row
 * id), except rows of a batchable job (texts, supervision messages) when the pass holds
 * two or more of them: those go out as batch jobs of up to `maxEntries`, each entry
 * keeping its row id. Under load that turns many small jobs into a few (each job costs
 * queue round trips and a worker run whatever it carries); a lone row goes out as before.
 *
 * A batch's job id is derived from all of its row ids. A relay that crashed after adding
 * a batch and before marking its rows relays them again: the same rows make the same id,
 * which BullMQ ignores; other rows make another batch, whose entries that already ran
 * are deduped by their message ids like any retried job.
 */
export function relayedJobs(
  rows: readonly OutboxEntity[],
  maxEntries = MAX_BATCH_ENTRIES,
): RelayedJob[] {
  const jobs: RelayedJob[] = [];
  const batchable = new Map<keyof typeof BATCHED_AS, OutboxEntity[]>();
  for (const row of rows) {
    const name = row.topic as JobName;
    if (isBatchable(name) && row.runAt === null) {
      const gathered = batchable.get(name);
      if (gathered) gathered.push(row);
      else batchable.set(name, [row]);
    } else {
      jobs.push(singleJob(row));
    }
  }
  for (const [name, gathered] of batchable) {
    for (let start = 0; start < gathered.length; start += maxEntries) {
      const chunk = gathered.slice(start, start + maxEntries);
      // A lone row (or one left over past the cap) goes out as its own job, as before.
      if (chunk.length === 1) {
        jobs.push(singleJob(chunk[0]));
        continue;
      }
      const entries: BatchEntry<typeof name>[] = chunk.map((row) => ({
        id: row.id,
        data: row.payload as unknown as BatchEntry<typeof name>['data'],
      }));
      jobs.push({
        name: BATCHED_AS[name],
        data: { entries },
        jobId: batchJobId(chunk.map((row) => row.id)),
        runAt: null,
      });
    }
  }
  return jobs;
}

/**
 * Adds `jobs` to `queue` under their own ids with the queue's settings (attempts, backoff,
 * how long finished jobs are kept, which is how long an id dedupes). A delayed job's
 * delay is computed now, so a late relay shortens it, never lengthens it. The relay adds
 * its jobs here, and so does a batch handing a failed entry a job of its own: both must
 * give a job the same options it would have had on its own.
 */
export async function addJobs(
  queue: Queue,
  queueName: QueueName,
  jobs: readonly RelayedJob[],
): Promise<void> {
  const optionsOf = jobOptionsOf(queueName);
  await queue.addBulk(
    jobs.map((job) => ({
      name: job.name,
      data: job.data,
      opts: {
        ...optionsOf(job.jobId),
        delay: job.runAt ? Math.max(0, job.runAt.getTime() - Date.now()) : undefined,
      },
    })),
  );
}

function singleJob(row: OutboxEntity): RelayedJob {
  return { name: row.topic as JobName, data: row.payload, jobId: row.id, runAt: row.runAt };
}

/** Same rows, same id; any other set of rows, another. */
export function batchJobId(rowIds: readonly string[]): string {
  const digest = createHash('sha256').update(rowIds.join(',')).digest('hex');
  return `batch-${digest.slice(0, 40)}`;
}
