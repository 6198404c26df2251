import { buildMachineJson } from '../compiler/build-machine-json.js';
import { CaseDriver } from '../compiler/testing/case-driver.js';
import { restaurantBundle, restaurantItems } from '../compiler/testing/restaurant.fixture.js';
import type { InstantApprovalRule, ResolvedBundle } from '../definition.types.js';
import type { CaseEffect, IdentityCheckResult } from './case-machine.types.js';
import { createBundleMachine } from './create-bundle-machine.js';

const answers = {
  shopName: 'Lao Wang Noodles',
  ownerId: '110101199003071234',
  sellsLiquor: false,
  hasSignboard: false,
  seats: 30,
  area: 80,
};

/** The restaurant bundle with a 秒批 rule on the business licence (biz-licence). */
function bundleWith(rule: InstantApprovalRule): ResolvedBundle {
  const resolved = restaurantBundle();
  const items = restaurantItems().map((item) =>
    item.code === 'biz-licence' ? { ...item, instantApproval: rule } : item,
  );
  return { ...resolved, items };
}

function startCase(
  rule: InstantApprovalRule,
  input: Record<string, string | boolean> = {},
): CaseDriver {
  const machine = createBundleMachine(buildMachineJson(bundleWith(rule)));
  return new CaseDriver(machine, { answers: { ...answers, ...input } });
}

const shopNamed = { when: { field: 'shopName', truthy: true } } as const;
const tasksFor = (effects: CaseEffect[], item: string) =>
  effects.filter((effect) => effect.kind === 'task' && effect.item === item);
const issuing = (effects: CaseEffect[], item: string) =>
  effects.filter((effect) => effect.kind === 'issue-licence' && effect.item === item);

describe('case machine: instant approval (秒批)', () => {
  it('approves at acceptance when the rule holds: licence issued, no officer task', () => {
    const driver = startCase(shopNamed);
    const effects = driver.send({ type: 'ACCEPT' });
    expect(driver.item('biz-licence').status).toBe('issuing');
    expect(tasksFor(effects, 'biz-licence')).toEqual([]);
    expect(issuing(effects, 'biz-licence')).toEqual([
      {
        kind: 'issue-licence',
        item: 'biz-licence',
        department: 'market-regulation',
        licenceTypes: ['business-licence'],
        onPledge: false,
      },
    ]);
    // The other items still go to their officers.
    expect(driver.item('fire-check').status).toBe('review');

    driver.send({
      type: 'LICENCE_ISSUED',
      item: 'biz-licence',
      licences: [{ type: 'business-licence', number: 'BL-1' }],
    });
    expect(driver.item('biz-licence').status).toBe('approved');
    // Its licence releases the dependent item as with any approval.
    expect(driver.item('food-licence').status).toBe('review');
  });

  it('hands the item to an officer when the rule does not hold', () => {
    const driver = startCase({ when: { field: 'shopName', equals: 'Somewhere else' } });
    const effects = driver.send({ type: 'ACCEPT' });
    expect(driver.item('biz-licence').status).toBe('review');
    expect(tasksFor(effects, 'biz-licence')).toEqual([
      { kind: 'task', task: 'review', department: 'market-regulation', item: 'biz-licence' },
    ]);
    expect(issuing(effects, 'biz-licence')).toEqual([]);
  });

  it('hands the item to an officer while a tolerated material it needs is missing', () => {
    const driver = startCase(shopNamed);
    driver.send({ type: 'ACCEPT_WITH_DEFICIENCIES', missing: ['lease'] });
    expect(driver.item('biz-licence').status).toBe('review');
  });

  describe('with the identity check required', () => {
    const rule = { ...shopNamed, requiresIdentityCheck: true };

    it('waits for the identity check, then approves on a match', () => {
      const driver = startCase(rule);
      expect(driver.snapshot.context.identityCheck).toBeNull();
      driver.send({ type: 'ACCEPT' });
      expect(driver.item('biz-licence').status).toBe('instant-review');
      const effects = driver.send({ type: 'IDENTITY_CHECKED', result: 'match' });
      expect(driver.snapshot.context.identityCheck).toBe('match');
      expect(driver.item('biz-licence').status).toBe('issuing');
      expect(issuing(effects, 'biz-licence')).toHaveLength(1);
      expect(tasksFor(effects, 'biz-licence')).toEqual([]);
    });

    it('uses an answer that came before acceptance', () => {
      const driver = startCase(rule);
      driver.send({ type: 'IDENTITY_CHECKED', result: 'match' });
      expect(driver.caseState()).toBe('intake');
      driver.send({ type: 'ACCEPT' });
      expect(driver.item('biz-licence').status).toBe('issuing');
    });

    it.each<IdentityCheckResult>(['mismatch', 'invalid'])(
      'hands over to an officer when the check says %s',
      (result) => {
        const driver = startCase(rule);
        driver.send({ type: 'ACCEPT' });
        const effects = driver.send({ type: 'IDENTITY_CHECKED', result });
        expect(driver.item('biz-licence').status).toBe('review');
        expect(tasksFor(effects, 'biz-licence')).toHaveLength(1);
        expect(issuing(effects, 'biz-licence')).toEqual([]);
      },
    );

    it('does not wait for the check when the rule is false anyway', () => {
      const driver = startCase(rule, { shopName: '' });
      driver.send({ type: 'ACCEPT' });
      expect(driver.item('biz-licence').status).toBe('review');
    });

    it('records the answer once: a repeated check is refused', () => {
      const driver = startCase(rule);
      driver.send({ type: 'IDENTITY_CHECKED', result: 'mismatch' });
      expect(driver.accepts({ type: 'IDENTITY_CHECKED', result: 'match' })).toBe(false);
      expect(driver.snapshot.context.identityCheck).toBe('mismatch');
    });

    it('lets a withdrawal end the waiting item', () => {
      const driver = startCase(rule);
      driver.send({ type: 'ACCEPT' });
      driver.send({ type: 'DENY', item: 'fire-check', reason: 'unsafe exits' });
      expect(driver.item('biz-licence').status).toBe('instant-review');
      driver.send({ type: 'IDENTITY_CHECKED', result: 'match' });
      expect(driver.item('biz-licence').status).toBe('issuing');
    });
  });

  it('leaves bundles without an identity rule unchanged: no event, no context field', () => {
    const plain = buildMachineJson(restaurantBundle());
    expect(plain).not.toHaveProperty('on');
    expect(plain.context).not.toHaveProperty('identityCheck');
    const driver = new CaseDriver(createBundleMachine(plain), { answers });
    expect(driver.accepts({ type: 'IDENTITY_CHECKED', result: 'match' })).toBe(false);
  });
});
