/**
 * Ceiling 2: raw BullMQ no-op jobs per second — jobs added in bulk, one worker with
 * concurrency 50 that does nothing. Every effect of ours is at least one such job.
 */
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { rate } from '../stats.js';

export interface BullmqCeiling {
  jobsPerSecond: number;
  jobs: number;
}

export async function measureBullmqCeiling(redisUrl: string, jobs = 20000): Promise<BullmqCeiling> {
  const prefix = `bench-ceiling-${process.pid}-${Date.now()}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('noop', { connection, prefix });
  try {
    for (let i = 0; i < jobs; i += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({
          name: 'noop',
          data: { i: i + k },
          opts: { removeOnComplete: true },
        })),
      );
    }
    let done = 0;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const started = Date.now();
    const worker = new Worker('noop', () => Promise.resolve(), {
      connection: new Redis(redisUrl, { maxRetriesPerRequest: null }),
      prefix,
      concurrency: 50,
    });
    worker.on('completed', () => {
      if (++done === jobs) finish();
    });
    await finished;
    const elapsed = Date.now() - started;
    await worker.close();
    return { jobsPerSecond: rate(jobs, elapsed), jobs };
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await connection.quit();
  }
}
