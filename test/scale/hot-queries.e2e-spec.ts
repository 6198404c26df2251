import request from 'supertest';
import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { CaseService, type CaseView } from '@onevisit/engine';
import type { TaskEntity } from '@onevisit/persistence';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { seededBundles, WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';
import { recordCaseTemplates } from './case-templates.js';
import { explainHotQueries } from './hot-queries.js';
import { seedCases } from './seed-cases.js';

/** Small enough for CI, large enough that the planner prefers indexes where they exist. */
const CASES = 20_000;
const onPostgres = process.env.DATABASE_URL?.startsWith('postgres') === true;

// The seeder and EXPLAIN are PostgreSQL's; on SQLite there is nothing to measure.
(onPostgres ? describe : describe.skip)('hot reads on a seeded history (PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('scale');
    const tree = await readWorkflowTree(WORKFLOWS_ROOT);
    await t.app.get(CatalogueService).upsert(tree.catalogue);
    for (const bundle of seededBundles()) await t.app.get(BundleService).publish(bundle, 'seed');
    const templates = await recordCaseTemplates({ varDir: t.config.varDir });
    await seedCases(t.dataSource, templates, { cases: CASES });
    await t.dataSource.query('ANALYZE "case", case_item, case_event, task');
  }, 300_000);
  afterAll(() => t.close(), 60_000);

  it('seeds the cases with their items, events and tasks', async () => {
    const [counts] = await t.dataSource.query<
      { cases: number; with_events: number; open_tasks: number }[]
    >(
      `SELECT (SELECT count(*) FROM "case")::int AS cases,
              (SELECT count(DISTINCT case_id) FROM case_event)::int AS with_events,
              (SELECT count(*) FROM task WHERE status = 'open')::int AS open_tasks`,
    );
    expect(counts?.cases).toBe(CASES);
    expect(counts?.with_events).toBe(CASES);
    expect(counts?.open_tasks).toBeGreaterThan(0);
  });

  it('keeps times the stage does not have unset: open tasks uncompleted, pending items unended', async () => {
    const [times] = await t.dataSource.query<
      { open_completed: number; done_completed: number; pending_ended: number }[]
    >(
      `SELECT (SELECT count(*) FROM task
                WHERE status IN ('open', 'claimed') AND completed_at IS NOT NULL)::int AS open_completed,
              (SELECT count(*) FROM task
                WHERE status = 'done' AND completed_at IS NOT NULL)::int AS done_completed,
              (SELECT count(*) FROM case_item
                WHERE status = 'pending' AND ended_at IS NOT NULL)::int AS pending_ended`,
    );
    expect(times).toEqual({
      open_completed: 0,
      done_completed: expect.any(Number),
      pending_ended: 0,
    });
    expect(times?.done_completed).toBeGreaterThan(0);
  });

  it('answers the work list, case list and tracking view with index scans only', async () => {
    const plans = await explainHotQueries(t.dataSource, null);
    expect(plans.length).toBeGreaterThanOrEqual(5);
    for (const plan of plans) {
      expect({ query: plan.name, seqScans: plan.seqScans }).toEqual({
        query: plan.name,
        seqScans: [],
      });
    }
  });

  it('seeded cases are what the engine would have made: events replay to the snapshot', async () => {
    const sample = await t.dataSource.query<
      {
        id: string;
      }[]
    >(`SELECT id FROM "case" ORDER BY id LIMIT 25`);
    for (const { id } of sample) {
      expect({ id, matches: (await t.app.get(CaseService).replayCase(id)).matches }).toEqual({
        id,
        matches: true,
      });
    }
  });

  it('serves the seeded history through the API', async () => {
    const [open] = await t.dataSource.query<{ department: string; case_id: string }[]>(
      // An item's task: window (intake) and supervision (rating follow-up) tasks belong to no
      // item of the case, so an officer of those "departments" has no view of the case.
      `SELECT department, case_id FROM task WHERE status = 'open' AND item IS NOT NULL LIMIT 1`,
    );
    const officer = await t.token({
      sub: 'o-scale',
      roles: ['officer'],
      department: open?.department,
    });
    const tasks = await request(t.app.getHttpServer())
      .get('/tasks?status=open')
      .auth(officer, { type: 'bearer' })
      .expect(200);
    const list = tasks.body as TaskEntity[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((task) => task.department === open?.department)).toBe(true);
    const created = list.map((task) => new Date(task.createdAt).getTime());
    expect(created).toEqual([...created].sort((a, b) => a - b));

    const tracking = await request(t.app.getHttpServer())
      .get(`/cases/${open?.case_id}`)
      .auth(officer, { type: 'bearer' })
      .expect(200);
    const view = tracking.body as CaseView;
    expect(view.timeline?.map((event) => event.seq)).toEqual(
      view.timeline?.map((_, index) => index + 1),
    );
    expect(view.items.every((item) => item.department === open?.department)).toBe(true);
  });
});
