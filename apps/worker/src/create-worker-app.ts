import 'reflect-metadata';
import {
  type DynamicModule,
  type INestApplicationContext,
  type LogLevel,
  Module,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, ConfigModule, loadConfig } from '@onevisit/config';
import { PersistenceModule } from '@onevisit/persistence';
import { QueuesModule } from '@onevisit/queues';
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
        PersistenceModule.forRoot(),
        QueuesModule.forRoot(),
        WorkerModule,
      ],
    };
  }
}

export async function createWorkerApp(
  config: AppConfig = loadConfig(),
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(config), {
    logger: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
