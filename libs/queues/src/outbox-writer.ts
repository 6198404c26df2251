import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { OutboxEntity, rowWriterOf } from '@onevisit/persistence';
import { currentRequestId, REQUEST_META_KEY } from '@onevisit/observability';
import type { JobName, JobOf } from './job-catalogue.js';

/**
 * The outbox row of a job, not yet written. Its id becomes the job id. `runAt` makes it
 * a timer (a delayed job).
 */
export function outboxRowOf<N extends JobName>(
  job: JobOf<N>,
  options: { runAt?: Date } = {},
): OutboxEntity {
  // The request (or job) that caused this job: its id travels in the payload's meta, so
  // the worker's log lines for the job carry it too.
  const requestId = currentRequestId();
  const payload = (requestId
    ? { ...job.data, [REQUEST_META_KEY]: { requestId } }
    : job.data) as unknown as Record<string, unknown>;
  return {
    id: randomUUID(),
    topic: job.name,
    payload,
    createdAt: new Date(),
    dispatchedAt: null,
    runAt: options.runAt ?? null,
  };
}

/**
 * Writes outbox rows in the caller's transaction, in one statement: the state change and
 * its effects are committed together or not at all.
 */
export async function insertOutboxRows(
  manager: EntityManager,
  rows: readonly OutboxEntity[],
): Promise<void> {
  await rowWriterOf(manager, OutboxEntity).insert(manager, rows);
}

/**
 * Records one job to run once the caller's transaction commits. Call it with the manager
 * of that transaction. Returns the outbox id, which becomes the job id.
 */
export async function addToOutbox<N extends JobName>(
  manager: EntityManager,
  job: JobOf<N>,
  options: { runAt?: Date } = {},
): Promise<string> {
  const row = outboxRowOf(job, options);
  await insertOutboxRows(manager, [row]);
  return row.id;
}
