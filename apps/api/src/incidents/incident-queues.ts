import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@onevisit/config';
import { connectedNow, valueWithin } from '@onevisit/observability';
import { QueueName, redisConnectionOptions } from '@onevisit/queues';
import { QueuesUnavailable } from '../http/queues-unavailable.error.js';

/** How long a retry waits for a first connection to Redis before it answers 503. */
const CONNECT_WAIT_MS = 2_000;

/**
 * Queue handles for retrying incidents. The API does not run the queues module (the
 * worker does), so it opens its own producer connections, lazily, on the same Redis and
 * prefix, and closes them at shutdown. They fail fast (no offline queue): a retry sent
 * while Redis is down gets 503 instead of waiting, with the incident still open.
 */
@Injectable()
export class IncidentQueues implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  /** The queue, connected; `QueuesUnavailable` when Redis does not answer in time. */
  async connected(name: QueueName): Promise<Queue> {
    const queue = this.get(name);
    await valueWithin(
      queue.waitUntilReady().catch(() => undefined),
      CONNECT_WAIT_MS,
      undefined,
    );
    if (!(await connectedNow(queue)))
      throw new QueuesUnavailable(`queue ${name} cannot take the job`);
    return queue;
  }

  private get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: { ...redisConnectionOptions(this.config.redisUrl), enableOfflineQueue: false },
        prefix: this.config.queuePrefix,
      });
      // Failures reach the caller as rejected commands; no unhandled 'error' events.
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}

export function isQueueName(value: string): value is QueueName {
  return (Object.values(QueueName) as string[]).includes(value);
}
