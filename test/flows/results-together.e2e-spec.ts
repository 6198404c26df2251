import { CaseService } from '@onevisit/engine';
import {
  APPLICANT,
  CLERK,
  FLOW_RESTAURANT_ANSWERS,
  FlowApp,
  officer,
  statusOf,
} from '../support/flow-app.js';

const REGISTRATION = 'company-establishment-registration';
const FOOD = 'food-operation-licence';

const ANSWERS = FLOW_RESTAURANT_ANSWERS;

/**
 * A pledged item is done at once (承诺即办), so the case reaches delivery while its
 * licence job has not run yet. No worker here: the test reports licences itself, so the
 * moment in between is certain.
 */
describe('results go out together (一次办好) even when a pledged licence is still being issued', () => {
  let f: FlowApp;
  const issued = (caseId: string, item: string, type: string, number: string) =>
    f.app
      .get(CaseService)
      .apply(
        caseId,
        { type: 'LICENCE_ISSUED', item, licences: [{ type, number }] },
        { kind: 'system', source: 'test:licence.issue' },
      );

  beforeAll(async () => {
    f = await FlowApp.start('flow-together', { worker: false });
    await f.publishSeeded();
  }, 60000);
  afterAll(() => f.close());

  it('refuses delivery and asks the applicant for nothing until every licence has its number', async () => {
    const started = await f.post(APPLICANT, '/cases', {
      bundleCode: 'open-a-restaurant',
      answers: ANSWERS,
      pledges: [{ item: FOOD, text: '本人承诺符合条件', signature: 'sig-zhang-san' }],
    });
    const caseId = (started.body as { id: string }).id;
    await f.post(CLERK, `/cases/${caseId}/intake`, { decision: 'accept' });
    const mr = officer('market-regulation');
    expect((await f.completeTask(mr, caseId, 'review', REGISTRATION, 'done')).status).toBe(200);
    expect((await f.completeTask(mr, caseId, 'decision', REGISTRATION, 'approve')).status).toBe(
      200,
    );
    await issued(caseId, REGISTRATION, 'business-licence', 'BL-20300101-000001');

    const waiting = await f.view(caseId);
    expect(statusOf(waiting, FOOD)).toBe('committed');
    expect(waiting.status).toBe('delivery');
    expect(waiting.licences).toContainEqual(expect.objectContaining({ item: FOOD, number: null }));
    expect(waiting.applicantTodo).toEqual([]);
    const early = await f.post(CLERK, `/cases/${caseId}/deliver`, { method: 'window' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'results-pending',
      pending: [{ item: FOOD, type: 'food-operation-licence' }],
    });

    await issued(caseId, FOOD, 'food-operation-licence', 'FL-20300101-000001');
    expect((await f.view(caseId)).applicantTodo).toEqual([{ action: 'collect-results' }]);
    const delivered = await f.post(CLERK, `/cases/${caseId}/deliver`, { method: 'window' });
    expect(delivered.body).toMatchObject({
      status: 'delivered',
      applicantTodo: [{ action: 'rate' }],
    });
    expect((await f.app.get(CaseService).replayCase(caseId)).matches).toBe(true);
  }, 60000);
});
