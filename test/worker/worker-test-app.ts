import type { INestApplication, LoggerService } from '@nestjs/common';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { initApiApp } from '../../apps/api/src/create-api-app.js';
import { createHttpAdapter } from '../../apps/api/src/http/http-adapter.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { type Identity, signToken } from '@onevisit/auth';
import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { type AppConfig, loadConfig } from '@onevisit/config';
import { CaseService, type CaseView } from '@onevisit/engine';
import { ExternalMessageEntity } from '@onevisit/persistence';
import { QueuesModule } from '@onevisit/queues';
import { dropQueues } from '../support/drop-queues.js';
import { createTestDatabase } from '../support/test-database.js';
import { seededBundles, WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';

type ProviderToken = Parameters<TestingModuleBuilder['overrideProvider']>[0];

/** Log lines kept in memory, so tests can check what reaches the logs (masking). */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown) {
    this.lines.push(String(message));
  }
  error(message: unknown) {
    this.lines.push(String(message));
  }
  warn(message: unknown) {
    this.lines.push(String(message));
  }
  debug(message: unknown) {
    this.lines.push(String(message));
  }
  verbose(message: unknown) {
    this.lines.push(String(message));
  }
}

export interface WorkerTestApp {
  app: INestApplication;
  config: AppConfig;
  dataSource: DataSource;
  logger: CapturingLogger;
  token(identity: Partial<Identity> & Pick<Identity, 'roles'>): Promise<string>;
  close(): Promise<void>;
}

/**
 * The embedded shape (API + queues + worker in one process) on a fresh database and a
 * queue prefix of its own, so test files never take each other's jobs.
 */
export async function startWorkerTestApp(
  label: string,
  overrides: { provide: ProviderToken; useValue: unknown }[] = [],
): Promise<WorkerTestApp> {
  const db = await createTestDatabase(label);
  const config = loadConfig({
    VAR_DIR: db.dir,
    JWT_SECRET: 'e2e-secret-'.padEnd(48, 'x'),
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `test-${label}-${process.pid}-${Date.now()}`,
  });
  config.database = db.database;
  let builder = Test.createTestingModule({
    imports: [ApiModule.forRoot(config, [QueuesModule.forRoot(), WorkerModule])],
  });
  for (const override of overrides) {
    builder = builder.overrideProvider(override.provide).useValue(override.useValue);
  }
  const moduleRef = await builder.compile();
  const logger = new CapturingLogger();
  const app = moduleRef.createNestApplication(createHttpAdapter(), { logger });
  await initApiApp(app);
  return {
    app,
    config,
    dataSource: app.get(DataSource),
    logger,
    token: (identity) => signToken(config.jwt, { sub: 'tester', name: 'Tester', ...identity }),
    close: async () => {
      await app.close();
      await db.drop();
      await dropQueues(config.redisUrl, config.queuePrefix);
    },
  };
}

/** The seeded catalogue and every seeded bundle, published. */
export async function publishSeeded(t: WorkerTestApp): Promise<void> {
  const tree = await readWorkflowTree(WORKFLOWS_ROOT);
  await t.app.get(CatalogueService).upsert(tree.catalogue);
  for (const bundle of seededBundles()) await t.app.get(BundleService).publish(bundle, 'seed');
}

export const ID_NUMBER = '11010519491231002X';
export const PHONE = '13800138000';

export const RESTAURANT_ANSWERS = {
  applicantName: '张三',
  applicantIdNumber: ID_NUMBER,
  applicantPhone: PHONE,
  floorAreaBand: 'under-300',
  hasOutdoorSignboard: false,
  dischargesWastewater: false,
  companyName: '卫东小馆有限公司',
  companyType: 'limited-liability',
  registeredCapital: 100000,
  businessScope: '餐饮服务',
  businessAddress: '卫东区人民路 1 号',
  legalRepresentativeName: '张三',
  legalRepresentativeIdNumber: ID_NUMBER,
  foodBusinessFormat: 'catering',
  cateringCategory: 'hot-food',
  foodSafetyManagerName: '王五',
};

export const TEST_ACTOR = { kind: 'system', source: 'test' } as const;

/** A restaurant case started by the applicant 张三, optionally pledging items. */
export function startRestaurantCase(t: WorkerTestApp, pledged: string[] = []): Promise<CaseView> {
  return t.app.get(CaseService).start(
    {
      bundleCode: 'open-a-restaurant',
      answers: RESTAURANT_ANSWERS,
      pledges: pledged.map((item) => ({
        item,
        text: '本人承诺符合条件',
        signature: 'sig-zhang-san',
      })),
    },
    {
      kind: 'user',
      identity: { sub: 'zhang-san', name: '张三', roles: ['applicant'] },
    },
  );
}

export function messages(t: WorkerTestApp, channel: string): Promise<ExternalMessageEntity[]> {
  return t.dataSource.getRepository(ExternalMessageEntity).find({ where: { channel } });
}

export { eventually } from '../support/eventually.js';
