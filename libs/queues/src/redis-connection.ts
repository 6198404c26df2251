import { type Queue, RedisQueueBackend, type RedisOptions } from 'bullmq';

/**
 * ioredis options for BullMQ from a `redis://` URL. Workers block on Redis, so
 * `maxRetriesPerRequest` must be null (BullMQ refuses its own clients otherwise).
 */
export function redisConnectionOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

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
