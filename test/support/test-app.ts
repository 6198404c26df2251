import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { type Identity, signToken } from '@onevisit/auth';
import { type AppConfig, loadConfig } from '@onevisit/config';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  token(identity: Partial<Identity> & Pick<Identity, 'roles'>, ttl?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real API on a fresh database (migrations applied at boot), not listening. */
export async function startTestApp(label: string): Promise<TestApp> {
  const db: TestDatabase = await createTestDatabase(label);
  const config = loadConfig({
    VAR_DIR: db.dir,
    JWT_SECRET: 'e2e-secret-'.padEnd(48, 'x'),
    // Keys of its own in the shared Redis (rate-limit counters among them).
    QUEUE_PREFIX: `test-app-${label}-${process.pid}-${Date.now()}`,
  });
  config.database = db.database;
  const app = await createApiApp({ config, logger: false });
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    token: (identity, ttl) =>
      signToken(config.jwt, { sub: 'tester', name: 'Tester', ...identity }, ttl),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
