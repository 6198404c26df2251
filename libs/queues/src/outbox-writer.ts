import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { OutboxEntity } from '@onevisit/persistence';
import { currentRequestId, REQUEST_META_KEY } from '@onevisit/observability';
import type { JobName, JobOf } from './job-catalogue.js';

/**
 * Records a job to run once the caller's transaction commits. Call it with the manager of
 * that transaction: the state change and its effect are written together or not at all.
 * Returns the outbox id, which becomes the job id. `runAt` makes it a timer (a delayed job).
 */
export async function addToOutbox<N extends JobName>(
  manager: EntityManager,
  job: JobOf<N>,
  options: { runAt?: Date } = {},
): Promise<string> {
  const id = randomUUID();
  // The request (or job) that caused this job: its id travels in the payload's meta, so
  // the worker's log lines for the job carry it too.
  const requestId = currentRequestId();
  const payload = requestId
    ? { ...job.data, [REQUEST_META_KEY]: { requestId } }
    : (job.data as unknown as Record<string, unknown>);
  await manager.insert(OutboxEntity, {
    id,
    topic: job.name,
    payload: payload as unknown as QueryDeepPartialEntity<OutboxEntity>['payload'],
    createdAt: new Date(),
    dispatchedAt: null,
    runAt: options.runAt ?? null,
  });
  return id;
}
