import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@onevisit/config';
import { QueueRegistry } from './queue-registry.js';
import { ReadinessService } from './readiness.service.js';
import { valueWithin } from './value-within.js';

/**
 * Shutdown, first step: the workers take no new job and in-flight jobs finish, while the
 * database and Redis are still open (their modules close them in the later
 * `onApplicationShutdown` step). A job still running at the timeout is released: its lock
 * lapses and another worker picks it up as stalled.
 *
 * With Redis unreachable there is nothing to drain: a job can finish its work but not
 * report it, and closing politely would wait for a reconnect until the shutdown guard
 * kills the process. The workers are then cut off at once; their jobs' locks lapse and
 * another worker takes them up once Redis is back (every job is idempotent).
 */
@Injectable()
export class WorkerDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerDrain.name);

  constructor(
    private readonly registry: QueueRegistry,
    private readonly config: AppConfig,
    private readonly readiness: ReadinessService,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const workers = this.registry.workers();
    if (workers.length === 0) return;
    if (!(await this.readiness.redisAnswers())) {
      this.logger.warn(
        `Redis does not answer: ${workers.length} queue workers stop without waiting; ` +
          'jobs they held are taken up again once Redis is back',
      );
      await Promise.all(workers.map((worker) => worker.close(true)));
      return;
    }
    const drained = Promise.all(workers.map((worker) => worker.close())).then(() => true);
    const finished = await valueWithin(drained, this.config.shutdownTimeoutMs, false);
    if (finished) {
      this.logger.log(`${workers.length} queue workers closed after their in-flight jobs`);
      return;
    }
    this.logger.warn(
      `in-flight jobs still running after ${this.config.shutdownTimeoutMs} ms: released for another worker`,
    );
    await Promise.all(workers.map((worker) => worker.close(true)));
  }
}
