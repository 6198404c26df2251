import request from 'supertest';
import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { CaseService, type CaseView } from '@onevisit/engine';
import type { TaskEntity } from '@onevisit/persistence';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seededBundles, WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';

/** The seeded catalogue and bundles published into a fresh test app. */
export async function startCaseApp(label: string): Promise<CaseApp> {
  const t = await startTestApp(label);
  const tree = await readWorkflowTree(WORKFLOWS_ROOT);
  await t.app.get(CatalogueService).upsert(tree.catalogue);
  for (const bundle of seededBundles()) await t.app.get(BundleService).publish(bundle, 'seed');
  const tokens = {
    applicant: await t.token({ sub: 'zhang-san', name: '张三', roles: ['applicant'] }),
    other: await t.token({ sub: 'li-si', name: '李四', roles: ['applicant'] }),
    clerk: await t.token({ sub: 'clerk-1', name: 'Window 1', roles: ['clerk'], window: 'w1' }),
    market: await t.token({ sub: 'mr-1', roles: ['officer'], department: 'market-regulation' }),
    market2: await t.token({ sub: 'mr-2', roles: ['officer'], department: 'market-regulation' }),
    fire: await t.token({ sub: 'fr-1', roles: ['officer'], department: 'fire-rescue' }),
    supervisor: await t.token({ sub: 'sup-1', roles: ['supervisor'] }),
  };
  return new CaseApp(t, tokens);
}

export type Who = 'applicant' | 'other' | 'clerk' | 'market' | 'market2' | 'fire' | 'supervisor';

/** A valid resident ID number (check digit included) for answers. */
export const ID_NUMBER = '11010519491231002X';

/** Restaurant answers: under 300 m², no signboard, no wastewater → two items run. */
export const RESTAURANT_ANSWERS = {
  applicantName: '张三',
  applicantIdNumber: ID_NUMBER,
  applicantPhone: '13800138000',
  floorAreaBand: 'under-300',
  hasOutdoorSignboard: false,
  dischargesWastewater: false,
};

export class CaseApp {
  constructor(
    readonly t: TestApp,
    readonly tokens: Record<Who, string>,
  ) {}

  http() {
    return request(this.t.app.getHttpServer());
  }

  post(who: Who, path: string, body: object = {}) {
    return this.http().post(path).auth(this.tokens[who], { type: 'bearer' }).send(body);
  }

  get(who: Who, path: string) {
    return this.http().get(path).auth(this.tokens[who], { type: 'bearer' });
  }

  get cases(): CaseService {
    return this.t.app.get(CaseService);
  }

  async start(answers: object = RESTAURANT_ANSWERS, extra: object = {}): Promise<CaseView> {
    const response = await this.post('applicant', '/cases', {
      bundleCode: 'open-a-restaurant',
      answers,
      ...extra,
    }).expect(201);
    return response.body as CaseView;
  }

  async tasks(who: Who, status = 'open'): Promise<TaskEntity[]> {
    const response = await this.get(who, `/tasks?status=${status}`).expect(200);
    return response.body as TaskEntity[];
  }

  /** The open task of `kind` for `item` of case `caseId` in the department of `who`. */
  async task(who: Who, caseId: string, kind: string, item?: string): Promise<TaskEntity> {
    const active = [...(await this.tasks(who, 'open')), ...(await this.tasks(who, 'claimed'))];
    const found = active.find(
      (task) =>
        task.caseId === caseId && task.kind === kind && (item === undefined || task.item === item),
    );
    if (!found) throw new Error(`no open ${kind} task for ${item ?? 'the case'} of ${caseId}`);
    return found;
  }

  async complete(
    who: Who,
    caseId: string,
    kind: string,
    item: string,
    outcome: string,
    reason?: string,
  ) {
    const task = await this.task(who, caseId, kind, item);
    const response = await this.post(who, `/tasks/${task.id}/complete`, {
      outcome,
      ...(reason ? { reason } : {}),
    }).expect(200);
    return (response.body as { case: CaseView }).case;
  }

  /** Stands in for the licence worker: reports the item's licences as issued. */
  issueLicence(caseId: string, item: string, type: string, number: string) {
    return this.cases.apply(
      caseId,
      { type: 'LICENCE_ISSUED', item, licences: [{ type, number }] },
      { kind: 'system', source: 'test:licence.issue' },
    );
  }

  close() {
    return this.t.close();
  }
}

export const itemStatus = (view: CaseView, item: string) =>
  view.items.find((entry) => entry.item === item)?.status;
