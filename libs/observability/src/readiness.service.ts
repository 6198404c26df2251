import {
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  type HealthIndicatorFunction,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { AppConfig } from '@onevisit/config';
import { QueueRegistry } from './queue-registry.js';
import { valueWithin } from './value-within.js';

const CHECK_TIMEOUT_MS = 1500;

/**
 * What "ready" means for this process: the database and Redis answer, the queue workers
 * (where this process has them) run, and the process is not shutting down.
 */
@Injectable()
export class ReadinessService implements BeforeApplicationShutdown, OnApplicationShutdown {
  private redis?: Redis;
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly health: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly registry: QueueRegistry,
  ) {}

  checks(): HealthIndicatorFunction[] {
    const checks: HealthIndicatorFunction[] = [
      () => this.accepting(),
      () => this.database.pingCheck('database').withTimeout(CHECK_TIMEOUT_MS),
      () =>
        this.health
          .check('redis')
          .attempt(async () => {
            await this.client().ping();
          })
          .withTimeout(CHECK_TIMEOUT_MS),
    ];
    if (this.registry.workers().length > 0) checks.push(() => this.workersRunning());
    return checks;
  }

  /** Load balancers stop sending traffic once readiness fails: say so as soon as shutdown starts. */
  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT waits for a connection; without one there is nothing to close politely.
    if (this.redis?.status === 'ready') await this.redis.quit().catch(() => undefined);
    else this.redis?.disconnect();
  }

  /** Whether Redis answers a PING within the checks' timeout. */
  redisAnswers(): Promise<boolean> {
    const answered = this.client()
      .ping()
      .then(
        () => true,
        () => false,
      );
    return valueWithin(answered, CHECK_TIMEOUT_MS, false);
  }

  private accepting() {
    const indicator = this.health.check('process');
    return this.stopping ? indicator.down({ message: 'shutting down' }) : indicator.up();
  }

  private workersRunning() {
    const workers = this.registry.workers();
    const stopped = workers.filter((worker) => !worker.isRunning()).map((worker) => worker.name);
    const indicator = this.health.check('workers');
    return stopped.length === 0
      ? indicator.up({ running: workers.length })
      : indicator.down({ stopped });
  }

  private client(): Redis {
    // A client of its own: a failing probe must not disturb the queues' connections.
    this.redis ??= new Redis(this.config.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: CHECK_TIMEOUT_MS,
    });
    // A failed PING says it; without a listener ioredis prints every reconnect error.
    this.redis.on('error', () => undefined);
    return this.redis;
  }
}
