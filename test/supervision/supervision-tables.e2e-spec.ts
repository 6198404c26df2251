import type { SupervisionTable } from '../../apps/api/src/supervision/supervision-tables.js';
import {
  APPLICANT,
  CLERK,
  eventually,
  FLOW_RESTAURANT_ANSWERS,
  FlowApp,
  officer,
  statusOf,
  SUPERVISOR,
} from '../support/flow-app.js';

const MR = officer('market-regulation');
const REGISTRATION = 'company-establishment-registration';
/** One working day lasts this long for timers and deadline checks in this file. */
const WORKING_DAY_MS = 1500;
const FLOW_TIMEOUT_MS = 60000;

describe('supervision reports as tables for the dashboard and its export', () => {
  let f: FlowApp;
  const previous = process.env.TIMER_WORKING_DAY_MS;

  beforeAll(async () => {
    process.env.TIMER_WORKING_DAY_MS = String(WORKING_DAY_MS);
    f = await FlowApp.start('supervision-tables');
    await f.publishSeeded();
  }, FLOW_TIMEOUT_MS);
  afterAll(async () => {
    await f.close();
    if (previous === undefined) delete process.env.TIMER_WORKING_DAY_MS;
    else process.env.TIMER_WORKING_DAY_MS = previous;
  });

  async function acceptedRestaurant(): Promise<string> {
    const started = await f.post(APPLICANT, '/cases', {
      bundleCode: 'open-a-restaurant',
      answers: FLOW_RESTAURANT_ANSWERS,
    });
    const id = (started.body as { id: string }).id;
    expect((await f.post(CLERK, `/cases/${id}/intake`, { decision: 'accept' })).status).toBe(200);
    return id;
  }

  async function table(name: string, query = ''): Promise<SupervisionTable> {
    const response = await f.get(SUPERVISOR, `/supervision/tables/${name}${query}`);
    expect(response.status).toBe(200);
    const shaped = response.body as SupervisionTable;
    // Rectangular: every row has exactly the columns, as an export writes them.
    const keys = shaped.columns.map((column) => column.key).sort();
    for (const row of shaped.rows) expect(Object.keys(row).sort()).toEqual(keys);
    return shaped;
  }

  it(
    'shows an item that went overdue, and on-time completion by department and bundle',
    async () => {
      const late = await acceptedRestaurant();
      const prompt = await acceptedRestaurant();
      expect((await f.completeTask(MR, prompt, 'review', REGISTRATION, 'done')).status).toBe(200);
      expect((await f.completeTask(MR, prompt, 'decision', REGISTRATION, 'approve')).status).toBe(
        200,
      );
      await f.waitForCase(
        prompt,
        (view) => statusOf(view, REGISTRATION) === 'approved',
        'approved',
      );

      const overdue = await eventually(async () => {
        const now = await table('overdue');
        return now.rows.some((row) => row.caseId === late && row.flag === 'overdue') ? now : null;
      }, 20000);
      expect(overdue).toMatchObject({
        table: 'overdue',
        period: null,
        title: { zh: expect.any(String) },
      });
      expect(overdue.rows).toContainEqual(
        expect.objectContaining({
          caseId: late,
          department: 'market-regulation',
          departmentNameZh: expect.stringContaining('市场监督'),
          kind: 'item',
          item: REGISTRATION,
          flag: 'overdue',
        }),
      );

      const byDepartment = await table('on-time-by-department');
      expect(byDepartment.rows).toEqual([
        expect.objectContaining({ department: 'market-regulation', total: 1, onTime: 1, rate: 1 }),
      ]);
      expect(byDepartment.columns.map((column) => column.type)).toContain('percent');
      const byBundle = await table('on-time-by-bundle');
      expect(byBundle.rows).toEqual([
        expect.objectContaining({ bundle: 'open-a-restaurant', bundleNameZh: '开餐馆', rate: 1 }),
      ]);
    },
    FLOW_TIMEOUT_MS,
  );

  it('answers every table for a period, and names a bad table or period', async () => {
    for (const name of ['durations', 'ratings', 'rectifications', 'complaints-by-department']) {
      const shaped = await table(name, '?from=2026-01-01&to=2026-12-31');
      expect(shaped.table).toBe(name);
      expect(shaped.columns.length).toBeGreaterThan(2);
    }
    expect((await table('ratings')).rows.map((row) => row.level)).toEqual([5, 4, 3, 2, 1]);
    const unknown = await f.get(SUPERVISOR, '/supervision/tables/everything');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'table' })]);
    const badPeriod = await f.get(SUPERVISOR, '/supervision/tables/ratings?from=soon');
    expect(badPeriod.status).toBe(400);
    expect((await f.get(MR, '/supervision/tables/ratings')).status).toBe(403);
  });
});
