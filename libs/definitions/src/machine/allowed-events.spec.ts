import { buildMachineJson } from '../compiler/build-machine-json.js';
import { CaseDriver } from '../compiler/testing/case-driver.js';
import { restaurantBundle } from '../compiler/testing/restaurant.fixture.js';
import { allowedEvents, type StateValueJson } from './allowed-events.js';
import { createBundleMachine } from './create-bundle-machine.js';

describe('allowedEvents', () => {
  const json = buildMachineJson(restaurantBundle());
  const start = () =>
    new CaseDriver(createBundleMachine(json), {
      answers: { sellsLiquor: true, hasSignboard: false },
    });
  const valueOf = (driver: CaseDriver) => ({ value: driver.snapshot.value as StateValueJson });

  it('lists the intake decisions while in intake', () => {
    expect(allowedEvents(json, valueOf(start()))).toEqual([
      { type: 'ACCEPT' },
      { type: 'ACCEPT_WITH_DEFICIENCIES' },
      { type: 'REQUEST_CORRECTION' },
      { type: 'REJECT' },
      { type: 'WITHDRAW' },
    ]);
  });

  it('lists item events with their item once processing runs, and agrees with the machine', () => {
    const driver = start();
    driver.send({ type: 'ACCEPT_WITH_DEFICIENCIES', missing: ['lease'] });
    const allowed = allowedEvents(json, valueOf(driver));
    expect(allowed).toEqual(
      expect.arrayContaining([
        { type: 'REVIEW_DONE', item: 'biz-licence' },
        { type: 'DENY', item: 'biz-licence' },
        { type: 'REVIEW_DONE', item: 'fire-check' },
        { type: 'MATERIAL_SUPPLIED' },
        { type: 'SUPPLEMENT_DEADLINE_PASSED' },
      ]),
    );
    expect(allowed).not.toContainEqual({ type: 'REVIEW_DONE', item: 'food-licence' });
    expect(allowed).not.toContainEqual({ type: 'ACCEPT' });
    for (const event of allowed.filter((entry) => entry.type === 'REVIEW_DONE')) {
      expect(driver.accepts({ type: 'REVIEW_DONE', item: event.item as string })).toBe(true);
    }
  });

  it('drops item events while the case is suspended', () => {
    const driver = start();
    driver.send({ type: 'ACCEPT_WITH_DEFICIENCIES', missing: ['lease'] });
    driver.send({ type: 'SUPPLEMENT_DEADLINE_PASSED' });
    const allowed = allowedEvents(json, valueOf(driver));
    expect(allowed.filter((entry) => entry.item !== undefined)).toEqual([]);
    expect(allowed).toContainEqual({ type: 'MATERIAL_SUPPLIED' });
  });

  it('lists delivery, then rating, then nothing but pending post-checks', () => {
    const driver = new CaseDriver(createBundleMachine(json), {
      answers: { sellsLiquor: false, hasSignboard: true },
      pledged: ['signboard'],
    });
    driver.send({ type: 'ACCEPT' });
    driver.send({ type: 'DENY', item: 'biz-licence', reason: 'x' });
    driver.send({ type: 'DENY', item: 'fire-check', reason: 'y' });
    expect(allowedEvents(json, valueOf(driver))).toEqual([
      { type: 'DELIVER' },
      { type: 'LICENCE_ISSUED', item: 'signboard' },
      { type: 'POST_CHECK_PASSED', item: 'signboard' },
      { type: 'POST_CHECK_FAILED', item: 'signboard' },
    ]);
    driver.send({ type: 'DELIVER', method: 'window' });
    driver.send({ type: 'RATE', level: 3 });
    expect(allowedEvents(json, valueOf(driver)).map((entry) => entry.type)).toEqual([
      'LICENCE_ISSUED',
      'POST_CHECK_PASSED',
      'POST_CHECK_FAILED',
    ]);
  });
});
