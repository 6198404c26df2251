import type { MergedField } from '@onevisit/definitions';
import { TaskEntity } from '@onevisit/persistence';
import { answersFor } from '../scale/case-autopilot.js';
import {
  APPLICANT,
  CLERK,
  FLOW_RESTAURANT_ANSWERS,
  FlowApp,
  officer,
} from '../support/flow-app.js';

const MR = officer('market-regulation');
const MR_OTHER = { ...MR, sub: 'officer-market-regulation-2' };
const REGISTRATION = 'company-establishment-registration';

/** The work list's rows of these cases, in the order the list gave them. */
async function listed(f: FlowApp, query: string, cases: string[]): Promise<TaskEntity[]> {
  const response = await f.get(MR, `/tasks${query}`);
  expect(response.status).toBe(200);
  return (response.body as TaskEntity[]).filter((task) => cases.includes(task.caseId));
}

describe("the department's work list: filters, due-date order, claim and release", () => {
  let f: FlowApp;
  let restaurants: string[];
  let company: string;
  const all = () => [...restaurants, company];

  beforeAll(async () => {
    f = await FlowApp.start('work-list', { worker: false });
    await f.publishSeeded();
    const start = async (bundleCode: string, answers: object) => {
      const started = await f.post(APPLICANT, '/cases', { bundleCode, answers });
      expect(started.status).toBe(201);
      const id = (started.body as { id: string }).id;
      expect((await f.post(CLERK, `/cases/${id}/intake`, { decision: 'accept' })).status).toBe(200);
      return id;
    };
    restaurants = [
      await start('open-a-restaurant', FLOW_RESTAURANT_ANSWERS),
      await start('open-a-restaurant', FLOW_RESTAURANT_ANSWERS),
    ];
    const bundle = await f.getPublic('/catalogue/bundles/start-a-company');
    company = await start('start-a-company', answersFor(bundle.body.form as MergedField[]));
  }, 60000);
  afterAll(() => f.close());

  it('narrows the list to a bundle, a kind and a state', async () => {
    const restaurantTasks = await listed(f, '?bundle=open-a-restaurant', all());
    expect(restaurantTasks.map((task) => task.caseId).sort()).toEqual([...restaurants].sort());
    expect(
      restaurantTasks.every((task) => task.kind === 'review' && task.item === REGISTRATION),
    ).toBe(true);
    const companyTasks = await listed(f, '?bundle=start-a-company&status=open', all());
    expect(companyTasks.map((task) => task.caseId)).toEqual([company]);
    expect(await listed(f, '?kind=review', all())).toHaveLength(3);
    expect(await listed(f, '?kind=decision', all())).toEqual([]);
    expect(await listed(f, '?bundle=newborn', all())).toEqual([]);
  });

  it('sorts by due date when asked, tasks without one last; oldest first otherwise', async () => {
    const tasks = await listed(f, '?kind=review', all());
    const of = (caseId: string) => tasks.find((task) => task.caseId === caseId)!;
    const repository = f.dataSource.getRepository(TaskEntity);
    await repository.update(of(restaurants[0]).id, { dueDate: '2030-01-20' });
    await repository.update(of(restaurants[1]).id, { dueDate: '2030-01-05' });
    await repository.update(of(company).id, { dueDate: null });
    const due = await listed(f, '?kind=review&sort=due', all());
    expect(due.map((task) => task.caseId)).toEqual([restaurants[1], restaurants[0], company]);
    const created = await listed(f, '?kind=review', all());
    expect(created.map((task) => task.caseId)).toEqual([restaurants[0], restaurants[1], company]);
  });

  it('refuses a bad filter with the field named', async () => {
    for (const [query, field] of [
      ['?bundle=Not%20a%20code', 'bundle'],
      ['?kind=coffee-break', 'kind'],
      ['?sort=random', 'sort'],
    ]) {
      const response = await f.get(MR, `/tasks${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field })]);
    }
  });

  it('lets an officer claim a task and give it back; nobody else may release it', async () => {
    const [task] = await listed(f, '?bundle=start-a-company', all());
    const claimed = await f.post(MR, `/tasks/${task.id}/claim`);
    expect(claimed.body).toMatchObject({ status: 'claimed', claimedBy: MR.sub });
    expect((await f.post(MR_OTHER, `/tasks/${task.id}/claim`)).status).toBe(409);
    expect((await f.post(MR_OTHER, `/tasks/${task.id}/release`)).status).toBe(409);
    expect((await f.post(officer('civil-affairs'), `/tasks/${task.id}/release`)).status).toBe(403);
    const released = await f.post(MR, `/tasks/${task.id}/release`);
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ status: 'open', claimedBy: null });
    expect((await f.post(MR, `/tasks/${task.id}/release`)).status).toBe(409);
    // Given back, anyone of the department may take it.
    expect((await f.post(MR_OTHER, `/tasks/${task.id}/claim`)).body).toMatchObject({
      claimedBy: MR_OTHER.sub,
    });
  });
});
