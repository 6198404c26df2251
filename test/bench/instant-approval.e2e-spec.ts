import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { type Actor, CaseService, type CaseView } from '@onevisit/engine';
import {
  CaseEventEntity,
  DataCheckEntity,
  ExternalMessageEntity,
  LicenceEntity,
  OutboxEntity,
  TaskEntity,
} from '@onevisit/persistence';
import { In } from 'typeorm';
import { LicenceJobs } from '../../apps/worker/src/jobs/licence-jobs.service.js';
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

  it('issues the four items in one job and one transaction, one LICENCE_ISSUED event each', async () => {
    const started = await cases().start(
      { bundleCode: BENCH_BUNDLE_CODE, answers: BENCH_ANSWERS },
      APPLICANT,
    );
    await cases().apply(started.id, { type: 'ACCEPT' }, TEST_ACTOR);
    await eventually(async () => (await cases().get(started.id)).status === 'delivery');
    const outbox = (await t.dataSource.getRepository(OutboxEntity).find()).filter(
      (row) => row.payload.caseId === started.id,
    );
    // Timers aside (the case clock's due-soon and overdue checks).
    const topics = outbox
      .filter((row) => row.runAt === null)
      .map((row) => row.topic)
      .sort();
    // Start: identity check. Accept: milestone and text. Identity checked: the licences.
    // Licences recorded: the four item milestones as one job, and the results-ready text.
    expect(topics).toEqual([
      'data-sharing.identity-check',
      'licence.issue',
      'notification.send',
      'notification.send',
      'supervision.case-event',
      'supervision.case-event',
    ]);
    const issue = outbox.find((row) => row.topic === 'licence.issue');
    expect((issue?.payload.items as { item: string }[]).map((entry) => entry.item)).toEqual(
      benchItems().map((item) => item.code),
    );

    const events = await t.dataSource
      .getRepository(CaseEventEntity)
      .find({ where: { caseId: started.id }, order: { seq: 'ASC' } });
    const issued = events.filter((event) => event.type === 'LICENCE_ISSUED');
    expect(issued).toHaveLength(4);
    // Consecutive versions, written in one transaction (one timestamp).
    expect(issued.map((event) => event.seq)).toEqual(
      Array.from({ length: 4 }, (_, i) => (issued[0]?.seq ?? 0) + i),
    );
    expect(new Set(issued.map((event) => event.createdAt.getTime())).size).toBe(1);
    const decided = outbox.find(
      (row) =>
        row.topic === 'supervision.case-event' &&
        (row.payload.milestones as { topic: string }[]).some((m) => m.topic === 'item-decided'),
    );
    const milestones = decided?.payload.milestones as { topic: string; caseVersion?: number }[];
    expect(milestones.map((milestone) => milestone.topic)).toEqual(Array(4).fill('item-decided'));
    // Each milestone keeps the version of its own transition.
    expect(
      milestones.map((milestone) => milestone.caseVersion ?? decided?.payload.caseVersion),
    ).toEqual(issued.map((event) => event.seq));
    // The local platform records each milestone of a message as its own row.
    const pushed = await eventually(async () => {
      const found = (
        await t.dataSource.getRepository(ExternalMessageEntity).findBy({ channel: 'supervision' })
      ).filter((message) => message.payload.caseId === started.id);
      return found.length === 5 && found;
    });
    expect(pushed.map((message) => message.payload.topic).sort()).toEqual([
      'accepted',
      'item-decided',
      'item-decided',
      'item-decided',
      'item-decided',
    ]);
    expect((await cases().replayCase(started.id)).matches).toBe(true);
  });

  it('splits a gathered licence job that fails into one job per item, each relayed', async () => {
    const started = await cases().start(
      { bundleCode: BENCH_BUNDLE_CODE, answers: BENCH_ANSWERS },
      APPLICANT,
    );
    await cases().apply(started.id, { type: 'ACCEPT' }, TEST_ACTOR);
    await eventually(async () => (await cases().get(started.id)).status === 'delivery');
    const [first, second] = benchItems();
    const item = (code: string | undefined, licenceTypes: string[]) => ({
      item: code ?? '',
      department: 'market-regulation',
      licenceTypes,
      onPledge: false,
    });
    const good = item(first?.code, first?.outputs ?? []);
    // A licence type this bundle version does not have: the whole gathered job fails.
    const broken = item(second?.code, ['no-such-licence-type']);
    const view = await cases().get(started.id);
    await t.app.get(LicenceJobs).issue('gathered-1', {
      caseId: started.id,
      caseVersion: view.version,
      items: [good, broken],
    });

    const outbox = t.dataSource.getRepository(OutboxEntity);
    const splits = (await outbox.findBy({ topic: 'licence.issue' })).filter(
      (row) => row.payload.caseId === started.id && row.payload.caseVersion === view.version,
    );
    expect(splits.map((row) => row.payload.items)).toEqual([[good], [broken]]);
    // Relayed at once; the good item's job finds its licence recorded and writes nothing.
    await eventually(async () =>
      (await outbox.findBy({ id: In(splits.map((row) => row.id)) })).every(
        (row) => row.dispatchedAt !== null,
      ),
    );
    const licences = await t.dataSource
      .getRepository(LicenceEntity)
      .countBy({ caseId: started.id });
    expect(licences).toBe(4);
    expect((await cases().get(started.id)).version).toBe(view.version);
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
