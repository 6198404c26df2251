import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { type Actor, CaseService, type CaseView } from '@onevisit/engine';
import { DataCheckEntity, TaskEntity } from '@onevisit/persistence';
import { WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';
import {
  eventually,
  startWorkerTestApp,
  TEST_ACTOR,
  type WorkerTestApp,
} from '../worker/worker-test-app.js';
import {
  BENCH_ANSWERS,
  BENCH_BUNDLE_CODE,
  benchBundle,
  benchItems,
} from './fixtures/instant-approval-bundle.js';

const APPLICANT: Actor = {
  kind: 'user',
  identity: { sub: 'zhang-san', name: '张三', roles: ['applicant'] },
};

describe('instant approval (秒批) through the engine and the worker', () => {
  let t: WorkerTestApp;
  const cases = () => t.app.get(CaseService);
  const tasksOf = (caseId: string) =>
    t.dataSource.getRepository(TaskEntity).find({ where: { caseId } });
  const statuses = (view: CaseView) => view.items.map((item) => item.status);

  beforeAll(async () => {
    t = await startWorkerTestApp('instant');
    const tree = await readWorkflowTree(WORKFLOWS_ROOT);
    await t.app
      .get(CatalogueService)
      .upsert({ ...tree.catalogue, items: [...tree.catalogue.items, ...benchItems()] });
    await t.app.get(BundleService).publish(benchBundle(), 'seed');
  });
  afterAll(() => t.close());

  it('approves every item with no officer task once the identity matches, and delivers', async () => {
    const started = await cases().start(
      { bundleCode: BENCH_BUNDLE_CODE, answers: BENCH_ANSWERS },
      APPLICANT,
    );
    await cases().apply(started.id, { type: 'ACCEPT' }, TEST_ACTOR);

    const ready = await eventually(async () => {
      const view = await cases().get(started.id);
      return view.status === 'delivery' ? view : null;
    });
    expect(statuses(ready)).toEqual(['approved', 'approved', 'approved', 'approved']);
    expect(ready.licences).toHaveLength(4);
    expect(ready.licences.every((licence) => licence.number !== null)).toBe(true);
    expect((ready.timeline ?? []).map((entry) => entry.type)).toContain('IDENTITY_CHECKED');
    const check = await t.dataSource
      .getRepository(DataCheckEntity)
      .findOneBy({ caseId: started.id });
    expect(check?.result).toBe('match');
    // Only the intake task: no review, no decision for any department.
    expect((await tasksOf(started.id)).map((task) => task.kind)).toEqual(['intake']);

    const delivered = await cases().apply(
      started.id,
      { type: 'DELIVER', method: 'online' },
      TEST_ACTOR,
    );
    expect(delivered.status).toBe('delivered');
    expect((await cases().replayCase(started.id)).matches).toBe(true);
  });

  it('hands every item to its officers when the rule does not hold', async () => {
    const started = await cases().start(
      { bundleCode: BENCH_BUNDLE_CODE, answers: { ...BENCH_ANSWERS, declarationConfirmed: false } },
      APPLICANT,
    );
    await cases().apply(started.id, { type: 'ACCEPT' }, TEST_ACTOR);
    const view = await cases().get(started.id);
    expect(statuses(view)).toEqual(['review', 'review', 'review', 'review']);
    const reviews = (await tasksOf(started.id)).filter((task) => task.kind === 'review');
    expect(reviews.map((task) => task.department).sort()).toEqual([
      'housing-provident-fund',
      'human-resources-social-security',
      'market-regulation',
      'taxation',
    ]);
    // The identity answer arrives later and changes nothing for items already with officers.
    await eventually(async () =>
      ((await cases().get(started.id)).timeline ?? []).some(
        (entry) => entry.type === 'IDENTITY_CHECKED',
      ),
    );
    expect(statuses(await cases().get(started.id))).toEqual([
      'review',
      'review',
      'review',
      'review',
    ]);
  });
});
