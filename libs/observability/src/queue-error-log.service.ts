import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { QueueRegistry } from './queue-registry.js';
import { RepeatedWarnings } from './repeated-warnings.js';
import { connectionFailureOf } from './connection-errors.js';

/** How often, at most, one kind of connection failure is written while it goes on. */
const CONNECTION_WARNING_EVERY_MS = 30_000;

/**
 * The queues' and workers' `error` events, in the service's log. BullMQ prints an `error`
 * nobody listens to with `console.error`: raw multi-line stacks outside the JSON log, one
 * per failed reconnect of every connection while Redis is down. Here a lost connection is
 * one warning per burst (the clients reconnect by themselves and jobs wait in Redis);
 * anything else is an error line of its own.
 */
@Injectable()
export class QueueErrorLog implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queues');
  private readonly connectionWarnings = new RepeatedWarnings(CONNECTION_WARNING_EVERY_MS);

  constructor(private readonly registry: QueueRegistry) {}

  onApplicationBootstrap(): void {
    for (const queue of this.registry.queues()) {
      queue.on('error', (error: Error) => this.report(`queue ${queue.name}`, error));
    }
    for (const worker of this.registry.workers()) {
      worker.on('error', (error: Error) => this.report(`worker ${worker.name}`, error));
    }
  }

  report(source: string, error: Error): void {
    const lost = connectionFailureOf(error);
    if (!lost) {
      this.logger.error(`${source}: ${error.message}`);
      return;
    }
    const { write, unwritten, burstMs } = this.connectionWarnings.note(lost);
    if (!write) return;
    this.logger.warn(
      burstMs === 0
        ? `Redis unreachable (${lost}): queued jobs wait, the connections retry`
        : `Redis still unreachable (${lost}) after ${Math.round(burstMs / 1000)} s; ${unwritten} more such errors`,
    );
  }
}
