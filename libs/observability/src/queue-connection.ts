import { type Queue, RedisQueueBackend } from 'bullmq';

/**
 * Whether the queue's Redis connection is up now, without waiting for it. A producer that
 * sends while it is down has its command held until Redis is back (the offline queue the
 * workers rely on), so a caller that must not hang asks first (BullMQ's "failing fast
 * when Redis is down").
 */
export async function connectedNow(queue: Queue): Promise<boolean> {
  const backend: unknown = queue.backend;
  if (!(backend instanceof RedisQueueBackend)) return true;
  // The client promise settles once the first connection is made; until then, not connected.
  const notYet = new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined)));
  try {
    const client = await Promise.race([backend.client, notYet]);
    return client?.status === 'ready';
  } catch {
    return false;
  }
}

/** The queues whose connection is up now (`connectedNow`), in the order given. */
export async function connectedQueues(queues: readonly Queue[]): Promise<Queue[]> {
  const up = await Promise.all(queues.map((queue) => connectedNow(queue)));
  return queues.filter((_, index) => up[index]);
}
