import { transition } from 'xstate';
import { buildMachineJson } from '../compiler/build-machine-json.js';
import { CaseDriver } from '../compiler/testing/case-driver.js';
import { restaurantBundle } from '../compiler/testing/restaurant.fixture.js';
import type { BundleDefinition } from '../definition.types.js';
import type { CaseEffect, CaseInput } from './case-machine.types.js';
import {
  createBundleMachine,
  effectsOf,
  restoreCaseSnapshot,
  type PersistedCaseSnapshot,
} from './create-bundle-machine.js';

const answers = {
  shopName: 'Lao Wang Noodles',
  sellsLiquor: true,
  hasSignboard: false,
  seats: 30,
  area: 80,
};

function startCase(
  input: Partial<CaseInput> = {},
  overrides: Partial<BundleDefinition> = {},
): CaseDriver {
  const machine = createBundleMachine(buildMachineJson(restaurantBundle(overrides)));
  return new CaseDriver(machine, {
    answers: { ...answers, ...input.answers },
    pledged: input.pledged ?? [],
  });
}

const kinds = (effects: CaseEffect[]) => effects.map((effect) => effect.kind);
const find = <K extends CaseEffect['kind']>(effects: CaseEffect[], kind: K) =>
  effects.filter((effect): effect is Extract<CaseEffect, { kind: K }> => effect.kind === kind);

describe('case machine: intake', () => {
  it('starts in intake with the answers in context, an intake task and the intake clock', () => {
    const driver = startCase();
    expect(driver.caseState()).toBe('intake');
    expect(driver.snapshot.context.answers.shopName).toBe('Lao Wang Noodles');
    expect(driver.effects).toEqual([
      { kind: 'clock', clock: 'intake', action: 'start' },
      { kind: 'task', task: 'intake', department: 'integrated-window' },
    ]);
    expect(driver.itemState('biz-licence')).toBe('idle');
  });

  it('loops through correction and resubmission, pausing and resuming the intake clock', () => {
    const driver = startCase();
    expect(driver.accepts({ type: 'REQUEST_CORRECTION', problems: [] })).toBe(false);
    const asked = driver.send({
      type: 'REQUEST_CORRECTION',
      problems: [
        { material: 'lease', message: 'lease expired' },
        { field: 'seats', message: 'seats missing' },
      ],
    });
    expect(driver.caseState()).toBe('correction');
    expect(driver.snapshot.context.problems).toHaveLength(2);
    expect(asked).toContainEqual({ kind: 'notify', template: 'correction-requested' });
    expect(asked).toContainEqual({ kind: 'clock', clock: 'intake', action: 'pause' });
    expect(driver.accepts({ type: 'ACCEPT' })).toBe(false);

    const resubmitted = driver.send({ type: 'RESUBMIT', answers: { sellsLiquor: false } });
    expect(driver.caseState()).toBe('intake');
    expect(resubmitted).toContainEqual({ kind: 'clock', clock: 'intake', action: 'resume' });
    expect(resubmitted).not.toContainEqual({ kind: 'clock', clock: 'intake', action: 'start' });
    expect(driver.snapshot.context).toMatchObject({ corrections: 1, problems: [] });
    expect(driver.snapshot.context.answers).toMatchObject({
      sellsLiquor: false,
      shopName: 'Lao Wang Noodles',
    });

    driver.send({ type: 'ACCEPT' });
    // The corrected answer now decides the conditional item.
    expect(driver.itemState('liquor-filing')).toBe('notApplicable');
    expect(driver.item('liquor-filing')?.reason).toEqual({ code: 'condition-false' });
  });

  it('rejects with a reason: the case is final and the items are cancelled', () => {
    const driver = startCase();
    const effects = driver.send({ type: 'REJECT', reason: 'not a catering business' });
    expect(driver.caseState()).toBe('rejected');
    expect(driver.snapshot.status).toBe('done');
    expect(driver.snapshot.context).toMatchObject({
      outcome: 'rejected',
      outcomeReason: 'not a catering business',
    });
    expect(Object.values(driver.snapshot.context.items).map((item) => item.status)).toEqual(
      Array(5).fill('cancelled'),
    );
    expect(effects).toEqual(
      expect.arrayContaining([
        { kind: 'notify', template: 'rejected' },
        { kind: 'clock', clock: 'intake', action: 'stop' },
      ]),
    );
  });

  it('lets the applicant withdraw before the decision, from intake or from correction, and not after', () => {
    const fromIntake = startCase();
    fromIntake.send({ type: 'WITHDRAW', reason: 'changed my mind' });
    expect(fromIntake.caseState()).toBe('withdrawn');
    expect(fromIntake.snapshot.status).toBe('done');

    const fromCorrection = startCase();
    fromCorrection.send({ type: 'REQUEST_CORRECTION', problems: [{ message: 'blurred ID copy' }] });
    fromCorrection.send({ type: 'WITHDRAW' });
    expect(fromCorrection.snapshot.context.outcome).toBe('withdrawn');

    const accepted = startCase();
    accepted.send({ type: 'ACCEPT' });
    expect(accepted.accepts({ type: 'WITHDRAW' })).toBe(false);
  });
});

describe('case machine: processing to closed', () => {
  it('runs straight through: parallel items, the dependency chain, delivery and rating', () => {
    const driver = startCase();
    const accepted = driver.send({ type: 'ACCEPT' });
    expect(driver.caseState()).toEqual({ processing: { work: 'running', supplement: 'complete' } });
    expect(find(accepted, 'task')).toEqual([
      { kind: 'task', task: 'review', department: 'market-regulation', item: 'biz-licence' },
      { kind: 'task', task: 'review', department: 'fire-rescue', item: 'fire-check' },
    ]);
    expect(accepted).toContainEqual({
      kind: 'clock',
      clock: 'case',
      action: 'start',
      limitDays: 15,
    });
    expect(accepted).toContainEqual({
      kind: 'clock',
      clock: 'item',
      action: 'start',
      item: 'biz-licence',
      limitDays: 3,
    });
    // The food licence waits for the business licence; the sign does not apply.
    expect(driver.itemState('food-licence')).toBe('waiting');
    expect(driver.itemState('liquor-filing')).toBe('waiting');
    expect(driver.itemState('signboard')).toBe('notApplicable');
    expect(driver.accepts({ type: 'REVIEW_DONE', item: 'food-licence' })).toBe(false);

    driver.send({ type: 'REVIEW_DONE', item: 'biz-licence' });
    const approved = driver.send({ type: 'APPROVE', item: 'biz-licence' });
    expect(driver.itemState('biz-licence')).toBe('issuing');
    expect(approved).toContainEqual({
      kind: 'issue-licence',
      item: 'biz-licence',
      department: 'market-regulation',
      licenceTypes: ['business-licence'],
      onPledge: false,
    });
    expect(driver.itemState('food-licence')).toBe('waiting');
    const issued = driver.send({
      type: 'LICENCE_ISSUED',
      item: 'biz-licence',
      licences: [{ type: 'business-licence', number: 'BL-001' }],
    });
    expect(driver.itemState('biz-licence')).toBe('approved');
    expect(driver.itemState('food-licence')).toEqual({ active: 'review' });
    expect(issued).toContainEqual({
      kind: 'task',
      task: 'review',
      department: 'market-regulation',
      item: 'food-licence',
    });
    expect(driver.snapshot.context.licences).toEqual([
      {
        type: 'business-licence',
        item: 'biz-licence',
        number: 'BL-001',
        onPledge: false,
        revoked: false,
      },
    ]);

    // Special procedures pause the item clock and run their own.
    driver.send({ type: 'REVIEW_DONE', item: 'fire-check' });
    expect(driver.itemState('fire-check')).toEqual({ active: 'procedure1' });
    expect(driver.item('fire-check')).toMatchObject({ status: 'procedure', procedure: 0 });
    const second = driver.send({ type: 'PROCEDURE_DONE', item: 'fire-check' });
    expect(second).toEqual([
      { kind: 'clock', clock: 'procedure', action: 'stop', item: 'fire-check', procedure: 0 },
      { kind: 'clock', clock: 'item', action: 'resume', item: 'fire-check' },
      expect.objectContaining({
        kind: 'clock',
        clock: 'item',
        action: 'pause',
        item: 'fire-check',
      }),
      {
        kind: 'clock',
        clock: 'procedure',
        action: 'start',
        item: 'fire-check',
        procedure: 1,
        limitDays: 5,
      },
      {
        kind: 'task',
        task: 'procedure',
        department: 'fire-rescue',
        item: 'fire-check',
        procedure: { index: 1, kind: 'expert-review', maxDays: 5 },
      },
    ]);
    driver.send({ type: 'PROCEDURE_DONE', item: 'fire-check' });
    expect(driver.itemState('fire-check')).toEqual({ active: { decision: 'deciding' } });
    driver.send({ type: 'APPROVE', item: 'fire-check' });
    driver.send({
      type: 'LICENCE_ISSUED',
      item: 'fire-check',
      licences: [{ type: 'fire-opinion', number: 'FO-9' }],
    });

    driver.completeItem('food-licence', 1, ['food-licence']);
    expect(driver.itemState('liquor-filing')).toEqual({ active: 'review' });
    // A filing issues nothing: approval ends it directly.
    driver.send({ type: 'REVIEW_DONE', item: 'liquor-filing' });
    const last = driver.send({ type: 'APPROVE', item: 'liquor-filing' });
    expect(driver.itemState('liquor-filing')).toBe('approved');
    expect(kinds(last)).not.toContain('issue-licence');
    expect(driver.caseState()).toEqual({ delivery: 'completed' });
    expect(last).toContainEqual({ kind: 'notify', template: 'results-ready' });
    expect(last).toContainEqual({ kind: 'clock', clock: 'case', action: 'stop' });

    expect(driver.accepts({ type: 'DELIVER', method: 'window' })).toBe(true);
    driver.send({ type: 'DELIVER', method: 'post' });
    expect(driver.caseState()).toBe('delivered');
    expect(driver.accepts({ type: 'RATE', level: 6 })).toBe(false);
    const rated = driver.send({ type: 'RATE', level: 5, comment: '很满意' });
    expect(driver.caseState()).toBe('closed');
    expect(driver.snapshot.context.rating).toEqual({ level: 5, comment: '很满意' });
    expect(kinds(rated)).not.toContain('task');
    expect(driver.snapshot.status).toBe('done');
  });

  it('opens a follow-up task for a poor rating', () => {
    const driver = startCase({ answers: { sellsLiquor: false } });
    driver.send({ type: 'ACCEPT' });
    driver.send({ type: 'REVIEW_DONE', item: 'biz-licence' });
    driver.send({ type: 'DENY', item: 'biz-licence', reason: 'name taken' });
    driver.send({ type: 'DENY', item: 'fire-check', reason: 'no exits' });
    expect(driver.caseState()).toEqual({ delivery: 'partlyCompleted' });
    driver.send({ type: 'DELIVER', method: 'online' });
    const rated = driver.send({ type: 'RATE', level: 1 });
    expect(rated).toContainEqual({
      kind: 'task',
      task: 'rating-follow-up',
      department: 'integrated-window',
    });
  });

  it('refuses a delivery method the bundle does not offer', () => {
    const driver = startCase({ answers: { sellsLiquor: false } }, { delivery: ['window'] });
    driver.send({ type: 'ACCEPT' });
    driver.send({ type: 'DENY', item: 'biz-licence', reason: 'x' });
    driver.send({ type: 'DENY', item: 'fire-check', reason: 'y' });
    expect(driver.accepts({ type: 'DELIVER', method: 'post' })).toBe(false);
    expect(driver.accepts({ type: 'DELIVER', method: 'window' })).toBe(true);
  });

  it('ends the dependants of a denied item as not applicable, with the reason', () => {
    const driver = startCase();
    driver.send({ type: 'ACCEPT' });
    const denied = driver.send({
      type: 'DENY',
      item: 'biz-licence',
      reason: 'name already registered',
    });
    expect(driver.itemState('biz-licence')).toBe('denied');
    expect(driver.item('biz-licence')?.reason).toEqual({
      code: 'denied',
      reason: 'name already registered',
    });
    expect(driver.itemState('food-licence')).toBe('notApplicable');
    expect(driver.item('food-licence')?.reason).toEqual({
      code: 'dependency-failed',
      upstream: 'biz-licence',
      upstreamStatus: 'denied',
    });
    // Transitively: the liquor filing waited for the food licence.
    expect(driver.item('liquor-filing')?.reason).toEqual({
      code: 'dependency-failed',
      upstream: 'food-licence',
      upstreamStatus: 'not-applicable',
    });
    expect(denied).toContainEqual({ kind: 'notify', template: 'item-denied', item: 'biz-licence' });
    expect(denied).toContainEqual({ kind: 'notify', template: 'item-ended', item: 'food-licence' });
    expect(driver.itemState('fire-check')).toEqual({ active: 'review' });
  });
});

describe('case machine: deficiency-tolerant acceptance (容缺)', () => {
  it('refuses materials that are not tolerable for every item needing them', () => {
    const driver = startCase();
    expect(driver.accepts({ type: 'ACCEPT_WITH_DEFICIENCIES', missing: ['floor-plan'] })).toBe(
      false,
    );
    expect(driver.accepts({ type: 'ACCEPT_WITH_DEFICIENCIES', missing: ['id-card'] })).toBe(false);
    expect(driver.accepts({ type: 'ACCEPT_WITH_DEFICIENCIES', missing: [] })).toBe(false);
    expect(
      driver.accepts({ type: 'ACCEPT_WITH_DEFICIENCIES', missing: ['lease', 'health-cert'] }),
    ).toBe(true);
  });

  it('holds the decision until the missing material is supplied in time', () => {
    const driver = startCase();
    const accepted = driver.send({ type: 'ACCEPT_WITH_DEFICIENCIES', missing: ['lease'] });
    expect(accepted).toContainEqual({
      kind: 'timer',
      timer: 'supplement-deadline',
      workingDays: 10,
      sends: 'SUPPLEMENT_DEADLINE_PASSED',
    });
    expect(driver.caseState()).toEqual({ processing: { work: 'running', supplement: 'pending' } });
    // Processing starts at once: review is not held, only the decision.
    driver.send({ type: 'REVIEW_DONE', item: 'biz-licence' });
    expect(driver.itemState('biz-licence')).toEqual({ active: { decision: 'awaitingMaterial' } });
    expect(driver.item('biz-licence')?.status).toBe('awaiting-material');
    expect(driver.accepts({ type: 'APPROVE', item: 'biz-licence' })).toBe(false);
    expect(driver.accepts({ type: 'MATERIAL_SUPPLIED', material: 'floor-plan' })).toBe(false);

    const supplied = driver.send({ type: 'MATERIAL_SUPPLIED', material: 'lease' });
    expect(driver.itemState('biz-licence')).toEqual({ active: { decision: 'deciding' } });
    expect(supplied).toContainEqual({
      kind: 'task',
      task: 'decision',
      department: 'market-regulation',
      item: 'biz-licence',
    });
    expect(driver.caseState()).toEqual({ processing: { work: 'running', supplement: 'complete' } });
    expect(driver.snapshot.context).toMatchObject({ missing: [], supplied: ['lease'] });
    driver.send({ type: 'APPROVE', item: 'biz-licence' });

    // The deadline timer still fires; nothing is missing, so nothing happens.
    const before = driver.snapshot;
    const late = driver.send({ type: 'SUPPLEMENT_DEADLINE_PASSED' });
    expect(late).toEqual([]);
    expect(driver.snapshot.value).toEqual(before.value);
    expect(driver.snapshot.context).toEqual(before.context);
  });

  it('suspends the case at the deadline (suspend-case) and resumes when everything is supplied', () => {
    const driver = startCase();
    driver.send({ type: 'ACCEPT_WITH_DEFICIENCIES', missing: ['lease', 'health-cert'] });
    const expired = driver.send({ type: 'SUPPLEMENT_DEADLINE_PASSED' });
    expect(driver.caseState()).toEqual({
      processing: { work: 'suspended', supplement: 'expired' },
    });
    expect(expired).toEqual(
      expect.arrayContaining([
        { kind: 'notify', template: 'supplement-expired-suspended' },
        { kind: 'clock', clock: 'case', action: 'pause' },
      ]),
    );
    // Frozen: no item event is accepted.
    expect(driver.accepts({ type: 'REVIEW_DONE', item: 'fire-check' })).toBe(false);
    expect(driver.accepts({ type: 'DENY', item: 'biz-licence', reason: 'x' })).toBe(false);

    driver.send({ type: 'MATERIAL_SUPPLIED', material: 'lease' });
    expect(driver.caseState()).toEqual({
      processing: { work: 'suspended', supplement: 'expired' },
    });
    const resumed = driver.send({ type: 'MATERIAL_SUPPLIED', material: 'health-cert' });
    expect(driver.caseState()).toEqual({ processing: { work: 'running', supplement: 'complete' } });
    expect(resumed).toEqual(
      expect.arrayContaining([
        { kind: 'clock', clock: 'case', action: 'resume' },
        { kind: 'notify', template: 'case-resumed' },
      ]),
    );
    expect(driver.accepts({ type: 'REVIEW_DONE', item: 'fire-check' })).toBe(true);
  });

  it('ends the affected items and their dependants at the deadline (end-affected-items)', () => {
    const driver = startCase(
      {},
      { supplement: { deadlineDays: 5, onExpiry: 'end-affected-items' } },
    );
    driver.send({ type: 'ACCEPT_WITH_DEFICIENCIES', missing: ['health-cert'] });
    driver.completeItem('biz-licence', 0, ['business-licence']);
    driver.send({ type: 'REVIEW_DONE', item: 'food-licence' });
    expect(driver.itemState('food-licence')).toEqual({ active: 'procedure1' });

    const expired = driver.send({ type: 'SUPPLEMENT_DEADLINE_PASSED' });
    expect(driver.itemState('food-licence')).toBe('notCompleted');
    expect(driver.item('food-licence')?.reason).toEqual({
      code: 'supplement-expired',
      materials: ['health-cert'],
    });
    expect(driver.itemState('liquor-filing')).toBe('notApplicable');
    expect(driver.item('liquor-filing')?.reason).toMatchObject({
      upstream: 'food-licence',
      upstreamStatus: 'not-completed',
    });
    expect(expired).toContainEqual({ kind: 'notify', template: 'supplement-expired-items-ended' });
    // The running procedure and the item clock stop with it.
    expect(expired).toContainEqual({
      kind: 'clock',
      clock: 'procedure',
      action: 'stop',
      item: 'food-licence',
      procedure: 0,
    });
    expect(expired).toContainEqual({
      kind: 'clock',
      clock: 'item',
      action: 'stop',
      item: 'food-licence',
    });
    // Unaffected items go on; the case is not suspended.
    expect(driver.itemState('fire-check')).toEqual({ active: 'review' });
    expect(driver.snapshot.context.suspended).toBe(false);

    driver.completeItem('fire-check', 2, ['fire-opinion']);
    expect(driver.caseState()).toEqual({ delivery: 'partlyCompleted' });
  });
});

describe('case machine: notification-commitment (告知承诺)', () => {
  it('approves on pledge, then a failed post-check revokes it and ends the undecided dependant', () => {
    const driver = startCase({ pledged: ['food-licence'] });
    driver.send({ type: 'ACCEPT' });
    driver.send({ type: 'REVIEW_DONE', item: 'biz-licence' });
    driver.send({ type: 'APPROVE', item: 'biz-licence' });
    const issued = driver.send({
      type: 'LICENCE_ISSUED',
      item: 'biz-licence',
      licences: [{ type: 'business-licence', number: 'BL-1' }],
    });
    expect(driver.itemState('food-licence')).toBe('committed');
    expect(driver.item('food-licence')?.status).toBe('committed');
    expect(issued).toEqual(
      expect.arrayContaining([
        {
          kind: 'issue-licence',
          item: 'food-licence',
          department: 'market-regulation',
          licenceTypes: ['food-licence'],
          onPledge: true,
        },
        { kind: 'timer', timer: 'post-check-due', workingDays: 20, item: 'food-licence' },
        { kind: 'task', task: 'post-check', department: 'market-regulation', item: 'food-licence' },
      ]),
    );
    // The pledged licence feeds the dependant at once.
    expect(driver.itemState('liquor-filing')).toEqual({ active: 'review' });
    driver.send({
      type: 'LICENCE_ISSUED',
      item: 'food-licence',
      licences: [{ type: 'food-licence', number: 'FL-7' }],
    });
    expect(driver.snapshot.context.licences).toContainEqual({
      type: 'food-licence',
      item: 'food-licence',
      number: 'FL-7',
      onPledge: true,
      revoked: false,
    });

    const failed = driver.send({
      type: 'POST_CHECK_FAILED',
      item: 'food-licence',
      reason: 'no ventilation',
    });
    expect(driver.itemState('food-licence')).toBe('revoked');
    expect(failed).toEqual(
      expect.arrayContaining([
        { kind: 'revoke-approval', item: 'food-licence', department: 'market-regulation' },
        {
          kind: 'revoke-licence',
          item: 'food-licence',
          department: 'market-regulation',
          licenceTypes: ['food-licence'],
        },
        { kind: 'notify', template: 'post-check-failed', item: 'food-licence' },
        { kind: 'supervision', topic: 'breach', item: 'food-licence' },
      ]),
    );
    expect(driver.snapshot.context.breaches).toEqual([
      { item: 'food-licence', reason: 'no ventilation' },
    ]);
    expect(driver.snapshot.context.licences.find((l) => l.type === 'food-licence')?.revoked).toBe(
      true,
    );
    expect(driver.itemState('liquor-filing')).toBe('notApplicable');
    expect(driver.item('liquor-filing')?.reason).toEqual({
      code: 'dependency-failed',
      upstream: 'food-licence',
      upstreamStatus: 'revoked',
    });
  });

  it('takes the normal path when the applicant did not pledge', () => {
    const driver = startCase();
    driver.send({ type: 'ACCEPT' });
    driver.completeItem('biz-licence', 0, ['business-licence']);
    expect(driver.itemState('food-licence')).toEqual({ active: 'review' });
  });

  it('keeps accepting the post-check after the case is delivered and closed', () => {
    const driver = startCase({
      answers: { sellsLiquor: false, hasSignboard: true },
      pledged: ['signboard'],
    });
    driver.send({ type: 'ACCEPT' });
    expect(driver.itemState('signboard')).toBe('committed');
    driver.completeItem('biz-licence', 0, ['business-licence']);
    driver.completeItem('food-licence', 1, ['food-licence']);
    driver.completeItem('fire-check', 2, ['fire-opinion']);
    expect(driver.caseState()).toEqual({ delivery: 'completed' });
    driver.send({ type: 'DELIVER', method: 'window' });
    driver.send({ type: 'RATE', level: 4 });
    expect(driver.caseState()).toBe('closed');
    expect(driver.snapshot.status).toBe('active');

    driver.send({ type: 'POST_CHECK_PASSED', item: 'signboard' });
    expect(driver.itemState('signboard')).toBe('confirmed');
    expect(driver.snapshot.status).toBe('done');
  });
});

describe('case machine: persistence', () => {
  it('runs from JSON that went through JSON.stringify / JSON.parse', () => {
    const json = JSON.parse(JSON.stringify(buildMachineJson(restaurantBundle())));
    const driver = new CaseDriver(createBundleMachine(json), { answers });
    driver.send({ type: 'ACCEPT' });
    driver.completeItem('biz-licence', 0, ['business-licence']);
    expect(driver.itemState('food-licence')).toEqual({ active: 'review' });
  });

  it('continues from a snapshot persisted as JSON and restored', () => {
    const machine = createBundleMachine(buildMachineJson(restaurantBundle()));
    const driver = new CaseDriver(machine, { answers });
    driver.send({ type: 'ACCEPT_WITH_DEFICIENCIES', missing: ['lease'] });
    driver.send({ type: 'REVIEW_DONE', item: 'biz-licence' });

    const stored = JSON.stringify(machine.getPersistedSnapshot(driver.snapshot));
    // A fresh machine from the same JSON, as another process would have.
    const other = createBundleMachine(
      JSON.parse(JSON.stringify(buildMachineJson(restaurantBundle()))),
    );
    const restored = restoreCaseSnapshot(other, JSON.parse(stored) as PersistedCaseSnapshot);
    expect(restored.value).toEqual(driver.snapshot.value);
    expect(restored.context).toEqual(driver.snapshot.context);

    const [next, actions] = transition(other, restored, {
      type: 'MATERIAL_SUPPLIED',
      material: 'lease',
    });
    expect((next.value as { items: Record<string, unknown> }).items['biz-licence']).toEqual({
      active: { decision: 'deciding' },
    });
    expect(effectsOf(actions)).toContainEqual({
      kind: 'task',
      task: 'decision',
      department: 'market-regulation',
      item: 'biz-licence',
    });
  });
});

describe('case machine: the context XState builds without input', () => {
  it('is the shared template, frozen, and two cases started from it share nothing', () => {
    const machine = createBundleMachine(buildMachineJson(restaurantBundle()));
    // What `transition()` does for every call: an inert actor whose eager initial
    // snapshot runs the context factory with no input.
    const factory = (machine.config as { context: (args: { input?: CaseInput }) => unknown })
      .context;
    const inert = factory({}) as Record<string, unknown>;
    expect(Object.isFrozen(inert)).toBe(true);
    expect(Object.isFrozen(inert.items)).toBe(true);
    expect(factory({})).toBe(inert);

    const first = startCase();
    const second = startCase({ answers: { ...answers, shopName: 'Other' } });
    expect(Object.isFrozen(first.snapshot.context)).toBe(false);
    expect(first.snapshot.context.answers.shopName).toBe('Lao Wang Noodles');
    expect(second.snapshot.context.answers.shopName).toBe('Other');
    expect(first.snapshot.context.items).not.toBe(second.snapshot.context.items);
  });
});
