import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { type Actor, CaseService, type CaseView } from '@onevisit/engine';
import {
  CaseEventEntity,
  DataCheckEntity,
  ExternalMessageEntity,
  LicenceEntity,
  OutboxEntity,
  parameterOf,
  TaskEntity,
} from '@onevisit/persistence';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { In } from 'typeorm';
import { calendarDateOf } from '@onevisit/calendar';
import { LicenceIssuer, licencePrefixOf } from '@onevisit/licences';
import { QueueName } from '@onevisit/queues';
import { PublishedBundles } from '../../apps/worker/src/cases/published-bundles.js';
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

  /**
   * A case started and accepted while its identity check waits in a paused queue, so the
   * answer comes after the acceptance and approves the items (in the other order, the
   * acceptance approves them and their licences go out as a job). `meanwhile` runs while
   * the check still waits.
   */
  async function acceptedBeforeItsIdentityCheck(meanwhile?: () => Promise<void>) {
    const checks = t.app.get<Queue>(getQueueToken(QueueName.DataSharing), { strict: false });
    await checks.pause();
    try {
      const started = await cases().start(
        { bundleCode: BENCH_BUNDLE_CODE, answers: BENCH_ANSWERS },
        APPLICANT,
      );
      await cases().apply(started.id, { type: 'ACCEPT' }, TEST_ACTOR);
      await meanwhile?.();
      return started;
    } finally {
      await checks.resume();
    }
  }

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

  it("issues the four items' licences in the identity check's transaction, one LICENCE_ISSUED each", async () => {
    const started = await acceptedBeforeItsIdentityCheck();
    await eventually(async () => (await cases().get(started.id)).status === 'delivery');
    const outbox = (await t.dataSource.getRepository(OutboxEntity).find()).filter(
      (row) => row.payload.caseId === started.id,
    );
    // Timers aside (the case clock's due-soon and overdue checks).
    const topics = outbox
      .filter((row) => row.runAt === null)
      .map((row) => row.topic)
      .sort();
    // Start: identity check. Accept: milestone and text. Identity checked, with the
    // licences issued and recorded in its transaction: no licence job, the four item
    // milestones as one job, and the results-ready text.
    expect(topics).toEqual([
      'data-sharing.identity-check',
      'notification.send',
      'notification.send',
      'supervision.case-event',
      'supervision.case-event',
    ]);

    const events = await t.dataSource
      .getRepository(CaseEventEntity)
      .find({ where: { caseId: started.id }, order: { seq: 'ASC' } });
    const checked = events.filter((event) => event.type === 'IDENTITY_CHECKED');
    const issued = events.filter((event) => event.type === 'LICENCE_ISSUED');
    expect(checked).toHaveLength(1);
    expect(issued).toHaveLength(4);
    // Consecutive versions right after the answer, written in its transaction (one
    // timestamp), each event recorded as its own worker's.
    expect(issued.map((event) => event.seq)).toEqual(
      Array.from({ length: 4 }, (_, i) => (checked[0]?.seq ?? 0) + 1 + i),
    );
    expect(new Set([...checked, ...issued].map((event) => event.createdAt.getTime())).size).toBe(1);
    expect(checked[0]?.actor).toEqual({ kind: 'system', source: 'worker:data-sharing' });
    expect(new Set(issued.map((event) => event.actor.source))).toEqual(
      new Set(['worker:licences']),
    );
    const check = await t.dataSource
      .getRepository(DataCheckEntity)
      .findOneBy({ caseId: started.id });
    expect(check?.result).toBe('match');
    const licences = await t.dataSource.getRepository(LicenceEntity).findBy({ caseId: started.id });
    expect(licences.map((licence) => licence.item).sort()).toEqual(
      benchItems()
        .map((item) => item.code)
        .sort(),
    );
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

  it('records the answer apart and leaves the licences to their job when issuing them with it fails', async () => {
    const resolved = await t.app.get(PublishedBundles).resolved(BENCH_BUNDLE_CODE, 1);
    const [type] = resolved.licenceTypes;
    if (!type) throw new Error('the bench bundle issues licences');
    const prefix = licencePrefixOf(type.code);
    const probeCase = await cases().start(
      { bundleCode: BENCH_BUNDLE_CODE, answers: BENCH_ANSWERS },
      APPLICANT,
    );
    const started = await acceptedBeforeItsIdentityCheck(async () => {
      // A licence given the counter's next number outside the counter (an import, say):
      // the number the identity check reserves for this type is taken when it issues.
      const day = calendarDateOf(new Date()).replaceAll('-', '');
      const p = parameterOf(t.dataSource);
      const counter = await t.dataSource.query<{ last_number: number | string }[]>(
        `SELECT "last_number" FROM "licence_sequence" WHERE "prefix" = ${p(1)} AND "day" = ${p(2)}`,
        [prefix, day],
      );
      const next = Number(counter[0]?.last_number ?? 0) + 1;
      await t.app.get(LicenceIssuer).issue({
        caseId: probeCase.id,
        item: 'collision-probe',
        licenceTypes: [type],
        holder: { name: '张三', idNumber: String(BENCH_ANSWERS.applicantIdNumber) },
        reserved: new Map([[type.code, [next]]]),
      });
    });
    await eventually(async () => (await cases().get(started.id)).status === 'delivery');
    const view = await cases().get(started.id);
    expect(statuses(view)).toEqual(['approved', 'approved', 'approved', 'approved']);
    const licences = await t.dataSource
      .getRepository(LicenceEntity)
      .findBy({ caseId: In([started.id, probeCase.id]) });
    // Four for the case and the probe, every number once.
    expect(licences.filter((licence) => licence.caseId === started.id)).toHaveLength(4);
    expect(new Set(licences.map((licence) => licence.number)).size).toBe(licences.length);
    expect(
      (await t.dataSource.getRepository(DataCheckEntity).findOneBy({ caseId: started.id }))?.result,
    ).toBe('match');
    if (t.dataSource.options.type === 'postgres') {
      // PostgreSQL aborts the transaction at the collision: the answer is recorded apart
      // and the licences go out as their own job, which takes fresh numbers.
      const jobs = (
        await t.dataSource.getRepository(OutboxEntity).findBy({ topic: 'licence.issue' })
      ).filter((row) => row.payload.caseId === started.id);
      expect(jobs).toHaveLength(1);
      expect(t.logger.lines.some((line) => line.includes('recording them apart'))).toBe(true);
    }
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
