import request from 'supertest';
import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import type { ServiceItem } from '@onevisit/definitions';
import { FLOW_RESTAURANT_ANSWERS } from '../support/flow-app.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seededBundles, WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';

/** The smallest open-a-restaurant case: no signboard, no wastewater, a small floor. */
export const RESTAURANT_ANSWERS = FLOW_RESTAURANT_ANSWERS;

/** The API with the seeded catalogue and bundles, and callers for it over HTTP. */
export class CatalogueApp {
  private constructor(
    readonly t: TestApp,
    private readonly tokens: Record<string, string>,
  ) {}

  static async start(label: string): Promise<CatalogueApp> {
    const t = await startTestApp(label);
    const tree = await readWorkflowTree(WORKFLOWS_ROOT);
    await t.app.get(CatalogueService).upsert(tree.catalogue);
    for (const bundle of seededBundles()) await t.app.get(BundleService).publish(bundle, 'seed');
    const tokens = {
      admin: await t.token({ sub: 'alice', roles: ['admin'] }),
      clerk: await t.token({ sub: 'clerk-1', name: 'Window 1', roles: ['clerk'], window: 'w1' }),
      officer: await t.token({ sub: 'mr-1', roles: ['officer'], department: 'market-regulation' }),
      supervisor: await t.token({ sub: 'sup-1', roles: ['supervisor'] }),
    };
    return new CatalogueApp(t, tokens);
  }

  as(who: 'admin' | 'clerk' | 'officer' | 'supervisor') {
    const token = this.tokens[who];
    const http = request(this.t.app.getHttpServer());
    return {
      get: (path: string) => http.get(path).auth(token, { type: 'bearer' }),
      post: (path: string, body?: object) =>
        http.post(path).auth(token, { type: 'bearer' }).send(body),
      put: (path: string, body?: object) =>
        http.put(path).auth(token, { type: 'bearer' }).send(body),
      delete: (path: string) => http.delete(path).auth(token, { type: 'bearer' }),
    };
  }

  /** A restaurant case taken in at window w1 and accepted: its items' clocks run. */
  async acceptedCase(): Promise<string> {
    const started = await this.as('clerk')
      .post('/cases', {
        bundleCode: 'open-a-restaurant',
        answers: RESTAURANT_ANSWERS,
        applicant: { sub: 'zhang-san', name: '张三' },
      })
      .expect(201);
    const id = (started.body as { id: string }).id;
    await this.as('clerk').post(`/cases/${id}/intake`, { decision: 'accept' }).expect(200);
    return id;
  }

  /** The promised limit the case's clock of `item` runs on. */
  async itemLimit(caseId: string, item: string): Promise<number | undefined> {
    const view = await this.as('clerk').get(`/cases/${caseId}`).expect(200);
    const clocks = (
      view.body as {
        clocks: { clocks: { item: string | null; kind: string; limitDays: number }[] };
      }
    ).clocks.clocks;
    return clocks.find((clock) => clock.kind === 'item' && clock.item === item)?.limitDays;
  }

  async item(code: string): Promise<ServiceItem> {
    const overview = await this.as('admin').get(`/admin/catalogue/items/${code}`).expect(200);
    const version = (overview.body as { version: number }).version;
    const detail = await this.as('admin')
      .get(`/admin/catalogue/items/${code}/versions/${version}`)
      .expect(200);
    return (detail.body as { body: ServiceItem }).body;
  }

  close(): Promise<void> {
    return this.t.close();
  }
}
