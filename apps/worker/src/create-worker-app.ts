import 'reflect-metadata';
import {
  type DynamicModule,
  type INestApplicationContext,
  type LogLevel,
  Module,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { type AppConfig, ConfigModule, loadConfig } from '@onevisit/config';
import { PersistenceModule } from '@onevisit/persistence';
import { ObservabilityModule } from '@onevisit/observability';
import { QueueName, QueuesModule } from '@onevisit/queues';
import { WorkerHttpServer } from './ops/worker-http.server.js';
import { WorkerModule } from './worker.module.js';

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** A worker process: configuration, database, queues, then the processors and the relay. */
@Module({})
class WorkerRootModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerRootModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ queues: Object.values(QueueName) }),
        PersistenceModule.forRoot(),
        QueuesModule.forRoot(),
        WorkerModule,
      ],
      // Only the worker process alone serves its own port (the embedded default has the API's).
      providers: [WorkerHttpServer],
    };
  }
}

/**
 * Signals are the entry point's business (`exitOnSignals` in main.ts): on SIGTERM the
 * workers drain their in-flight jobs before the database and Redis close.
 */
export async function createWorkerApp(
  config: AppConfig = loadConfig(),
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
    bufferLogs: true,
  });
  // JSON lines through pino, with the job's request id on every line it logs.
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}
