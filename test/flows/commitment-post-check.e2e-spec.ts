import { BundleService } from '@onevisit/catalogue';
import type { BundleDefinition } from '@onevisit/definitions';
import { CaseService } from '@onevisit/engine';
import { LicenceEntity, OutboxEntity } from '@onevisit/persistence';
import { seededBundles } from '../support/workflow-fixtures.js';
import {
  APPLICANT,
  CLERK,
  eventually,
  FLOW_PHONE,
  FLOW_RESTAURANT_ANSWERS,
  FlowApp,
  officer,
  statusOf,
} from '../support/flow-app.js';

const REGISTRATION = 'company-establishment-registration';
const FOOD = 'food-operation-licence';
const SIGNBOARD = 'outdoor-signboard-setting';
const DRAINAGE = 'drainage-permit';

/**
 * The seeded restaurant bundle with the signboard made to need the food licence as well,
 * so a pledged item has a dependant that is still undecided when its post-check fails.
 */
function pledgeChainBundle(): BundleDefinition {
  const restaurant = seededBundles().find((bundle) => bundle.code === 'open-a-restaurant')!;
  return {
    ...restaurant,
    code: 'flows-pledge-chain',
    version: 1,
    // One more step on the critical path than the seeded bundle.
    promisedLimitDays: restaurant.promisedLimitDays + 5,
    items: restaurant.items.map((entry) =>
      entry.item === SIGNBOARD ? { ...entry, dependsOn: ['business-licence', FOOD] } : entry,
    ),
  };
}

const ANSWERS = {
  ...FLOW_RESTAURANT_ANSWERS,
  hasOutdoorSignboard: true,
  dischargesWastewater: true,
  signboardText: '卫东小馆',
  signboardWidthM: 3,
  signboardHeightM: 0.8,
  dailyWastewaterTons: 2,
  hasGreaseTrap: true,
};

/** Flows wait on real queues: more than Jest's default per test. */
const FLOW_TIMEOUT_MS = 60000;

describe('notification-commitment (告知承诺) whose post-check fails, with the real worker', () => {
  let f: FlowApp;

  beforeAll(async () => {
    f = await FlowApp.start('flow-commitment');
    await f.publishSeeded();
    await f.app.get(BundleService).publish(pledgeChainBundle(), 'test');
  }, FLOW_TIMEOUT_MS);
  afterAll(() => f.close());

  it(
    'approves at once on pledge, then revokes approval and licence; undecided dependants end',
    async () => {
      const started = await f.post(APPLICANT, '/cases', {
        bundleCode: 'flows-pledge-chain',
        answers: ANSWERS,
        pledges: [FOOD, DRAINAGE].map((item) => ({
          item,
          text: '本人承诺经营场所符合相关条件，如有不实愿承担法律责任',
          signature: 'sig-zhang-san',
        })),
      });
      expect(started.status).toBe(201);
      const caseId = (started.body as { id: string }).id;
      expect((await f.post(CLERK, `/cases/${caseId}/intake`, { decision: 'accept' })).status).toBe(
        200,
      );
      const mr = officer('market-regulation');
      expect((await f.completeTask(mr, caseId, 'review', REGISTRATION, 'done')).status).toBe(200);
      expect((await f.completeTask(mr, caseId, 'decision', REGISTRATION, 'approve')).status).toBe(
        200,
      );

      // Once the business licence exists, the pledged item is approved at once (承诺即办) and
      // the worker issues its licence; the signboard, which needs it, moves on to review.
      const committed = await f.waitForCase(
        caseId,
        (view) =>
          statusOf(view, FOOD) === 'committed' &&
          view.licences.some((l) => l.item === FOOD && l.number !== null) &&
          statusOf(view, SIGNBOARD) === 'review',
        'food licence issued on pledge',
      );
      const number = committed.licences.find((l) => l.item === FOOD)!.number!;
      expect((await f.getPublic(`/licences/${number}/verify`)).body.status).toBe('valid');
      // The drainage permit (also pledged, no dependant) is approved at once too.
      expect(statusOf(committed, DRAINAGE)).toBe('committed');

      const failed = await f.completeTask(
        mr,
        caseId,
        'post-check',
        FOOD,
        'failed',
        '现场核查：经营场所与承诺不符',
      );
      expect(failed.status).toBe(200);
      const after = failed.body.case as Awaited<ReturnType<FlowApp['view']>>;
      expect(after.items.find((i) => i.item === FOOD)).toMatchObject({
        status: 'revoked',
        reason: expect.objectContaining({ code: 'post-check-failed' }),
      });
      expect(after.breaches).toContainEqual(expect.objectContaining({ item: FOOD }));
      // Undecided dependant: not applicable, with the reason; an independent item is untouched.
      expect(statusOf(after, SIGNBOARD)).toBe('not-applicable');
      expect(after.items.find((i) => i.item === SIGNBOARD)?.reason).toBeTruthy();
      expect(statusOf(after, DRAINAGE)).toBe('committed');
      expect(await f.openTasks(officer('city-management'), caseId)).toEqual([]);

      // The worker revokes the licence: verification says so.
      await eventually(async () => {
        const row = await f.dataSource.getRepository(LicenceEntity).findOneBy({ number });
        return row?.revokedAt ? row : null;
      });
      const verified = await f.getPublic(`/licences/${number}/verify`);
      expect(verified.body).toMatchObject({ number, status: 'revoked' });
      // The business licence is not touched.
      const business = committed.licences.find((l) => l.item === REGISTRATION)!.number!;
      expect((await f.getPublic(`/licences/${business}/verify`)).body.status).toBe('valid');

      // The applicant is told.
      const sms = await eventually(async () => {
        const found = await f.messages('sms', caseId);
        return found.find((message) => message.payload.template === 'post-check-failed');
      });
      expect(String(sms.payload.text)).toContain('核查未通过');
      // The text as the failure made it: the item, the officer's reason, the applicant's
      // phone, which the job's payload carried encrypted, never in clear.
      expect(String(sms.payload.text)).toContain('食品经营许可');
      expect(String(sms.payload.text)).toContain('现场核查：经营场所与承诺不符');
      expect(sms.payload.phone).toBe(FLOW_PHONE);
      const outbox = await f.dataSource.getRepository(OutboxEntity).findOneByOrFail({ id: sms.id });
      expect(outbox.payload.message).toMatchObject({ to: expect.stringMatching(/^enc:v1:/) });
      expect(JSON.stringify(outbox.payload)).not.toContain(FLOW_PHONE);
      expect((await f.app.get(CaseService).replayCase(caseId)).matches).toBe(true);
    },
    FLOW_TIMEOUT_MS,
  );
});
