import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { type Identity, signToken } from '@onevisit/auth';
import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { type AppConfig, loadConfig } from '@onevisit/config';
import type { CaseView } from '@onevisit/engine';
import { ExternalMessageEntity, OutboxEntity, type TaskEntity } from '@onevisit/persistence';
import { QueuesModule } from '@onevisit/queues';
import { dropQueues } from './drop-queues.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { seededBundles, WORKFLOWS_ROOT } from './workflow-fixtures.js';
import { eventually } from './eventually.js';

/** A resident ID number with a valid check digit. */
export const FLOW_ID_NUMBER = '11010519491231002X';
export const FLOW_PHONE = '13800138000';

/** A small restaurant without signboard or wastewater: the smallest open-a-restaurant case. */
export const FLOW_RESTAURANT_ANSWERS = {
  applicantName: '张三',
  applicantIdNumber: FLOW_ID_NUMBER,
  applicantPhone: FLOW_PHONE,
  floorAreaBand: 'under-300',
  hasOutdoorSignboard: false,
  dischargesWastewater: false,
  companyName: '卫东小馆有限公司',
  companyType: 'limited-liability',
  registeredCapital: 10,
  businessScope: '餐饮服务',
  businessAddress: '卫东区人民路 1 号',
  legalRepresentativeName: '张三',
  legalRepresentativeIdNumber: FLOW_ID_NUMBER,
  foodBusinessFormat: 'catering',
  cateringCategory: 'hot-food',
  foodSafetyManagerName: '王五',
};

export const APPLICANT: Identity = { sub: 'zhang-san', name: '张三', roles: ['applicant'] };

export interface FlowAppOptions {
  /** Run queues and the worker in this process (the embedded shape). Default true. */
  worker?: boolean;
  /** Extra environment for `loadConfig` (queue settings and the like). */
  env?: Record<string, string>;
}

/**
 * The API as `embedded.ts` builds it (queues and the worker in the same process unless
 * told otherwise), on a fresh database and a queue prefix of its own, driven over HTTP.
 */
export class FlowApp {
  private readonly tokens = new Map<string, Promise<string>>();

  private constructor(
    readonly app: INestApplication,
    readonly config: AppConfig,
    readonly db: TestDatabase,
  ) {}

  static async start(label: string, options: FlowAppOptions = {}): Promise<FlowApp> {
    const db = await createTestDatabase(label);
    const config = loadConfig({
      VAR_DIR: db.dir,
      JWT_SECRET: 'e2e-secret-'.padEnd(48, 'x'),
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `test-${label}-${process.pid}-${Date.now()}`,
      ...options.env,
    });
    config.database = db.database;
    const imports = options.worker === false ? [] : [QueuesModule.forRoot(), WorkerModule];
    const app = await createApiApp({ config, logger: false, imports });
    return new FlowApp(app, config, db);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** The seeded catalogue and every seeded bundle, published. */
  async publishSeeded(): Promise<void> {
    const tree = await readWorkflowTree(WORKFLOWS_ROOT);
    await this.app.get(CatalogueService).upsert(tree.catalogue);
    for (const bundle of seededBundles()) {
      await this.app.get(BundleService).publish(bundle, 'seed');
    }
  }

  token(identity: Identity): Promise<string> {
    const key = JSON.stringify(identity);
    let token = this.tokens.get(key);
    if (!token) {
      token = signToken(this.config.jwt, identity);
      this.tokens.set(key, token);
    }
    return token;
  }

  async post(who: Identity, path: string, body: object = {}) {
    return request(this.app.getHttpServer())
      .post(path)
      .auth(await this.token(who), { type: 'bearer' })
      .send(body);
  }

  async get(who: Identity, path: string) {
    return request(this.app.getHttpServer())
      .get(path)
      .auth(await this.token(who), { type: 'bearer' });
  }

  /** A bare supertest agent (multipart uploads and the like). */
  get http() {
    return request(this.app.getHttpServer());
  }

  /** Anonymous GET (public endpoints such as licence verification). */
  getPublic(path: string) {
    return request(this.app.getHttpServer()).get(path);
  }

  /** The tracking view, as the applicant sees it. */
  async view(caseId: string, who: Identity = APPLICANT): Promise<CaseView> {
    const response = await this.get(who, `/cases/${caseId}`);
    if (response.status !== 200) {
      throw new Error(`GET /cases/${caseId}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body as CaseView;
  }

  /** Polls the tracking view until `ready` holds (jobs run on their own time). */
  async waitForCase(
    caseId: string,
    ready: (view: CaseView) => boolean,
    what: string,
    timeoutMs = 20000,
  ): Promise<CaseView> {
    let last: CaseView | undefined;
    try {
      return await eventually(async () => {
        last = await this.view(caseId);
        return ready(last) ? last : null;
      }, timeoutMs);
    } catch {
      throw new Error(
        `case ${caseId} did not reach "${what}" within ${timeoutMs} ms; last seen: ${JSON.stringify(
          { status: last?.status, items: last?.items.map((i) => [i.item, i.status]) },
        )}`,
      );
    }
  }

  /** Open or claimed tasks of a department (or of supervision) for one case. */
  async openTasks(who: Identity, caseId: string): Promise<TaskEntity[]> {
    const found: TaskEntity[] = [];
    for (const status of ['open', 'claimed']) {
      const response = await this.get(who, `/tasks?status=${status}`);
      if (response.status !== 200) throw new Error(`GET /tasks: ${response.status}`);
      found.push(...(response.body as TaskEntity[]).filter((task) => task.caseId === caseId));
    }
    return found;
  }

  /** Waits for the task of `kind` on `item`, then completes it over HTTP; returns the response. */
  async completeTask(
    who: Identity,
    caseId: string,
    kind: string,
    item: string | null,
    outcome: string,
    reason?: string,
  ) {
    const task = await eventually(async () =>
      (await this.openTasks(who, caseId)).find((t) => t.kind === kind && t.item === item),
    );
    return this.post(who, `/tasks/${task.id}/complete`, { outcome, ...(reason ? { reason } : {}) });
  }

  /** What the integration adapters recorded for this case on `channel` (sms, department …). */
  async messages(channel: string, caseId: string): Promise<ExternalMessageEntity[]> {
    const rows = await this.dataSource.getRepository(ExternalMessageEntity).findBy({ channel });
    // A message's id is the id of the job that sent it, which is the id of its outbox row.
    const jobs = await this.dataSource.getRepository(OutboxEntity).find();
    const ofCase = new Set(
      jobs.filter((job) => job.payload.caseId === caseId).map((job) => job.id),
    );
    return rows.filter((row) => ofCase.has(row.id) || row.payload.caseId === caseId);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.db.drop();
    await dropQueues(this.config.redisUrl, this.config.queuePrefix);
  }
}

/** An officer of `department`. */
export const officer = (department: string): Identity => ({
  sub: `officer-${department}`,
  name: `Officer of ${department}`,
  roles: ['officer'],
  department,
});

export const CLERK: Identity = { sub: 'clerk-1', name: 'Window 1', roles: ['clerk'], window: 'w1' };
export const SUPERVISOR: Identity = {
  sub: 'sup-1',
  name: 'Supervisor',
  roles: ['supervisor'],
  department: 'supervision',
};

export const statusOf = (view: CaseView, item: string): string | undefined =>
  view.items.find((entry) => entry.item === item)?.status;

export { eventually };
