import type { TaskEntity } from '@onevisit/persistence';
import type { TaskPage } from '../../apps/api/src/tasks/task-page.js';
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
const FOOD = 'food-operation-licence';
const FLOW_TIMEOUT_MS = 60000;

describe('the task page: everything an officer needs to decide, in one answer', () => {
  let f: FlowApp;

  beforeAll(async () => {
    f = await FlowApp.start('task-page');
    await f.publishSeeded();
  }, FLOW_TIMEOUT_MS);
  afterAll(() => f.close());

  async function acceptedRestaurant(): Promise<string> {
    const started = await f.post(APPLICANT, '/cases', {
      bundleCode: 'open-a-restaurant',
      answers: FLOW_RESTAURANT_ANSWERS,
    });
    const id = (started.body as { id: string }).id;
    expect((await f.post(CLERK, `/cases/${id}/intake`, { decision: 'accept' })).status).toBe(200);
    return id;
  }

  async function taskOf(caseId: string, kind: string, item: string): Promise<TaskEntity> {
    return eventually(async () =>
      (await f.openTasks(MR, caseId)).find((task) => task.kind === kind && task.item === item),
    );
  }

  async function page(taskId: string): Promise<TaskPage> {
    const response = await f.get(MR, `/tasks/${taskId}`);
    expect(response.status).toBe(200);
    return response.body as TaskPage;
  }

  it(
    'shows the case, the item, its answers, materials, clock and outcomes; the read is logged',
    async () => {
      const caseId = await acceptedRestaurant();
      const review = await taskOf(caseId, 'review', REGISTRATION);
      const shown = await page(review.id);
      expect(shown).toMatchObject({
        task: { id: review.id, kind: 'review', status: 'open' },
        outcomes: [{ outcome: 'done', needsReason: false, label: { zh: '审查完成' } }],
        actionable: true,
        case: {
          id: caseId,
          bundle: { code: 'open-a-restaurant', version: 1, name: { zh: '开餐馆' } },
          status: 'processing',
          applicant: { sub: APPLICANT.sub, name: '张三' },
        },
        item: {
          code: REGISTRATION,
          department: 'market-regulation',
          status: 'review',
          pledged: false,
        },
        procedure: null,
        clocks: {
          item: { kind: 'item', status: 'running', limitDays: 1, daysUsed: 0, daysLeft: 1 },
          procedure: null,
          case: { kind: 'case', status: 'running' },
        },
        licences: { produced: [], held: [] },
      });
      // The bundle's fields and this item's; not those only other items ask for.
      const keys = shown.form.map((field) => field.key);
      expect(keys).toEqual(expect.arrayContaining(['applicantIdNumber', 'companyName']));
      expect(keys).not.toContain('foodSafetyManagerName');
      // Answers of those fields only (optional ones left empty have none).
      expect(keys).toEqual(expect.arrayContaining(Object.keys(shown.answers.answers)));
      expect(shown.answers.answers.companyName).toBe(FLOW_RESTAURANT_ANSWERS.companyName);
      expect(shown.answers.answers).not.toHaveProperty('foodSafetyManagerName');
      // An officer of the item's department sees the identity it checks in full.
      expect(shown.answers.answers.applicantIdNumber).toBe(
        FLOW_RESTAURANT_ANSWERS.applicantIdNumber,
      );
      expect(shown.materials.length).toBeGreaterThan(0);
      expect(shown.materials.every((material) => material.records.length === 0)).toBe(true);
      expect(shown.history.map((step) => step.type)).toEqual(['START', 'ACCEPT']);
      expect(shown.tasks).toEqual([expect.objectContaining({ id: review.id, kind: 'review' })]);

      const log = await f.get(SUPERVISOR, `/supervision/pii-access?caseId=${caseId}`);
      expect(JSON.stringify(log.body)).toContain('GET /tasks/:id');
    },
    FLOW_TIMEOUT_MS,
  );

  it('refuses other departments, supervisors and unknown tasks', async () => {
    const caseId = await acceptedRestaurant();
    const review = await taskOf(caseId, 'review', REGISTRATION);
    expect((await f.get(officer('civil-affairs'), `/tasks/${review.id}`)).status).toBe(403);
    expect((await f.get(SUPERVISOR, `/tasks/${review.id}`)).status).toBe(403);
    expect((await f.get(MR, '/tasks/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const bad = await f.get(MR, '/tasks/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });

  it(
    'shows earlier steps and decisions, licences produced, and the item clock paused by a procedure',
    async () => {
      const caseId = await acceptedRestaurant();
      const review = await taskOf(caseId, 'review', REGISTRATION);
      await f.post(MR, `/tasks/${review.id}/complete`, { outcome: 'done' });
      const done = await page(review.id);
      expect(done).toMatchObject({ outcomes: [], actionable: false, task: { status: 'done' } });

      const decision = await taskOf(caseId, 'decision', REGISTRATION);
      const deciding = await page(decision.id);
      expect(deciding.outcomes).toEqual([
        expect.objectContaining({ outcome: 'approve', needsReason: false }),
        expect.objectContaining({ outcome: 'deny', needsReason: true }),
      ]);
      expect(deciding.history.at(-1)).toMatchObject({
        type: 'REVIEW_DONE',
        item: REGISTRATION,
        actor: { sub: MR.sub, department: 'market-regulation' },
      });
      expect(deciding.tasks.map((task) => [task.kind, task.status])).toEqual([
        ['review', 'done'],
        ['decision', 'open'],
      ]);
      await f.post(MR, `/tasks/${decision.id}/complete`, { outcome: 'approve' });
      // The worker issues the business licence; the food licence's review can start.
      await f.waitForCase(caseId, (view) => statusOf(view, FOOD) === 'review', 'food review');
      const foodReview = await taskOf(caseId, 'review', FOOD);
      const food = await page(foodReview.id);
      expect(food.licences.produced).toEqual([
        expect.objectContaining({
          type: 'business-licence',
          item: REGISTRATION,
          ofThisItem: false,
        }),
      ]);
      expect(food.licences.produced[0].number).toEqual(expect.any(String));
      // The business licence material comes from the case itself (免证可办).
      expect(food.materials).toContainEqual(
        expect.objectContaining({
          suppliedInCase: { licenceType: 'business-licence', byItem: REGISTRATION },
        }),
      );
      // Steps of the other item are not this item's history.
      expect(food.history.some((step) => step.item === REGISTRATION)).toBe(false);

      await f.post(MR, `/tasks/${foodReview.id}/complete`, { outcome: 'done' });
      const inspection = await taskOf(caseId, 'procedure', FOOD);
      const procedure = await page(inspection.id);
      expect(procedure).toMatchObject({
        outcomes: [{ outcome: 'done' }],
        procedure: { index: 0, name: { zh: expect.any(String) }, maxDays: expect.any(Number) },
        clocks: {
          item: { status: 'paused', pausedBy: ['procedure'], dueDate: null },
          procedure: { kind: 'procedure', status: 'running', daysUsed: 0 },
        },
      });
      expect(procedure.clocks.procedure?.daysLeft).toBe(procedure.procedure?.maxDays);
    },
    FLOW_TIMEOUT_MS,
  );

  it('shows a denial with its reason to whoever looks at the item afterwards', async () => {
    const caseId = await acceptedRestaurant();
    const review = await taskOf(caseId, 'review', REGISTRATION);
    await f.post(MR, `/tasks/${review.id}/complete`, { outcome: 'done' });
    const decision = await taskOf(caseId, 'decision', REGISTRATION);
    const refused = await f.post(MR, `/tasks/${decision.id}/complete`, { outcome: 'deny' });
    expect(refused.status).toBe(400);
    await f.post(MR, `/tasks/${decision.id}/complete`, {
      outcome: 'deny',
      reason: '企业名称与他人重复',
    });
    const shown = await page(decision.id);
    expect(shown.history.at(-1)).toMatchObject({
      type: 'DENY',
      item: REGISTRATION,
      reason: '企业名称与他人重复',
    });
    expect(shown.item).toMatchObject({ status: 'denied' });
  });
});
