import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueName } from '@onevisit/queues';

/**
 * Removes every queue a test or benchmark run made under its own prefix, with all their
 * jobs. BullMQ trims finished jobs by age only when jobs of the same queue finish later,
 * so a run's prefix would otherwise stay in a shared Redis for good: a bench run left
 * some 10,000 keys there, a test file hundreds.
 */
export async function dropQueues(redisUrl: string, prefix: string): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, { connection, prefix });
      try {
        await queue.obliterate({ force: true });
      } finally {
        await queue.close();
      }
    }
  } finally {
    await connection.quit();
  }
}
