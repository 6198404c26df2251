import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { initApiApp } from '../../apps/api/src/create-api-app.js';
import { createHttpAdapter } from '../../apps/api/src/http/http-adapter.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { type Identity, signToken } from '@onevisit/auth';
import { type AppConfig, loadConfig } from '@onevisit/config';
import { QueuesModule } from '@onevisit/queues';
import { dropQueues } from '../support/drop-queues.js';
import { createTestDatabase } from '../support/test-database.js';

export interface OpsTestApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  token(identity: Partial<Identity> & Pick<Identity, 'roles'>): Promise<string>;
  close(): Promise<void>;
}

/** The embedded shape (API + queues + worker) with settings a test may change first. */
export async function startOpsTestApp(
  label: string,
  env: Record<string, string> = {},
): Promise<OpsTestApp> {
  const db = await createTestDatabase(label);
  const config = loadConfig({
    VAR_DIR: db.dir,
    JWT_SECRET: 'e2e-secret-'.padEnd(48, 'x'),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `test-${label}-${process.pid}-${Date.now()}`,
    LOG_LEVEL: 'error',
    ...env,
  });
  config.database = db.database;
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule.forRoot(config, [QueuesModule.forRoot(), WorkerModule])],
  }).compile();
  const app = moduleRef.createNestApplication(createHttpAdapter(config.trustProxy), {
    logger: false,
  });
  await initApiApp(app);
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    token: (identity) => signToken(config.jwt, { sub: 'tester', name: 'Tester', ...identity }),
    close: async () => {
      await app.close();
      await db.drop();
      await dropQueues(config.redisUrl, config.queuePrefix);
    },
  };
}
