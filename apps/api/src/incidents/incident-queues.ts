import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@onevisit/config';
import { QueueName, redisConnectionOptions } from '@onevisit/queues';

/**
 * Queue handles for retrying incidents. The API does not run the queues module (the
 * worker does), so it opens its own producer connections, lazily, on the same Redis and
 * prefix, and closes them at shutdown.
 */
@Injectable()
export class IncidentQueues implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: redisConnectionOptions(this.config.redisUrl),
        prefix: this.config.queuePrefix,
      });
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
