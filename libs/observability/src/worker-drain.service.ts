import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@onevisit/config';
import { QueueRegistry } from './queue-registry.js';

/**
 * Shutdown, first step: the workers take no new job and in-flight jobs finish, while the
 * database and Redis are still open (their modules close them in the later
 * `onApplicationShutdown` step). A job still running at the timeout is released: its lock
 * lapses and another worker picks it up as stalled.
 */
@Injectable()
export class WorkerDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerDrain.name);

  constructor(
    private readonly registry: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const workers = this.registry.workers();
    if (workers.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const drained = Promise.all(workers.map((worker) => worker.close())).then(() => true);
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.config.shutdownTimeoutMs);
    });
    const finished = await Promise.race([drained, timedOut]);
    clearTimeout(timer);
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
