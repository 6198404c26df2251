import { BundleService } from '@onevisit/catalogue';
import { CaseDefinitions, START_EVENT } from '@onevisit/engine';
import { CaseEntity, CaseEventEntity, OutboxEntity } from '@onevisit/persistence';
import { seededBundles } from '../support/workflow-fixtures.js';
import { FLOW_RESTAURANT_ANSWERS } from '../support/flow-app.js';
import { type CaseApp, startCaseApp } from './case-fixtures.js';

const RESTAURANT = 'open-a-restaurant';

/**
 * A case start pins the newest published version this process last read, without reading
 * it again, and its transaction confirms that version is still the newest. Nothing here
 * tells the engine about a publish or a retirement (no process does: another API replica
 * may have made it), so each change below is met the way another process's would be.
 */
describe('the bundle version a case start pins', () => {
  let c: CaseApp;
  const count = (entity: new () => object) => c.t.dataSource.getRepository(entity).count();
  const start = () => c.start(FLOW_RESTAURANT_ANSWERS);
  const restaurant = () => {
    const bundle = seededBundles().find((candidate) => candidate.code === RESTAURANT);
    if (!bundle) throw new Error(`no seeded bundle ${RESTAURANT}`);
    return bundle;
  };

  beforeAll(async () => {
    c = await startCaseApp('start-version');
  });
  afterAll(() => c.close());

  it('pins version 1, then the version published after this process last looked', async () => {
    const first = await start();
    expect(first.bundle).toEqual({ code: RESTAURANT, version: 1 });
    // The engine now holds version 1 as the newest; a version is published behind its back.
    await c.t.app
      .get(BundleService)
      .publish({ ...restaurant(), version: 2, description: 'Version 2' }, 'admin');
    const second = await start();
    expect(second.bundle).toEqual({ code: RESTAURANT, version: 2 });
    // The attempt on version 1 was rolled back whole: one start event per case, no orphan rows.
    expect(await count(CaseEntity)).toBe(2);
    expect(await c.t.dataSource.getRepository(CaseEventEntity).countBy({ type: START_EVENT })).toBe(
      2,
    );
    const identityChecks = await c.t.dataSource
      .getRepository(OutboxEntity)
      .findBy({ topic: 'data-sharing.identity-check' });
    expect(identityChecks.map((row) => row.payload.caseId).sort()).toEqual(
      [first.id, second.id].sort(),
    );
  });

  it('falls back to the version before when the newest is retired', async () => {
    await c.t.app.get(BundleService).retire(RESTAURANT, 2);
    const started = await start();
    expect(started.bundle).toEqual({ code: RESTAURANT, version: 1 });
  });

  it('answers 404 and writes nothing once every version is retired', async () => {
    await c.t.app.get(BundleService).retire(RESTAURANT, 1);
    const before = await count(CaseEntity);
    const response = await c
      .post('applicant', '/cases', { bundleCode: RESTAURANT, answers: FLOW_RESTAURANT_ANSWERS })
      .expect(404);
    expect(response.body.message).toContain(RESTAURANT);
    expect(await count(CaseEntity)).toBe(before);
    // The next start reads again rather than trusting what it last saw.
    await expect(c.t.app.get(CaseDefinitions).latest(RESTAURANT)).rejects.toThrow(
      `No published bundle ${RESTAURANT}`,
    );
  });
});
