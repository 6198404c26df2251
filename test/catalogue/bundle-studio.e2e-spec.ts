import type { BundleDefinition } from '@onevisit/definitions';
import { BundleDefinitionEntity } from '@onevisit/persistence';
import { CatalogueApp } from './catalogue-fixtures.js';

interface Change {
  op: string;
  before?: { pointer: string; value: unknown };
  after?: { pointer: string; value: unknown };
}

describe('bundle studio: preview and diff', () => {
  let app: CatalogueApp;
  let restaurant: BundleDefinition;
  const rows = () => app.t.dataSource.getRepository(BundleDefinitionEntity).count();

  beforeAll(async () => {
    app = await CatalogueApp.start('bundle_studio');
    const v1 = await app.as('admin').get('/admin/bundles/open-a-restaurant/versions/1').expect(200);
    restaurant = v1.body.definition as BundleDefinition;
  });
  afterAll(() => app.close());

  it('previews a definition exactly as publishing would compile it, storing nothing', async () => {
    const before = await rows();
    // A draft being edited: no version declared yet.
    const draft: BundleDefinition = { ...restaurant };
    delete draft.version;
    const preview = await app.as('admin').post('/admin/bundles/preview', draft).expect(200);
    const stored = await app
      .as('admin')
      .get('/admin/bundles/open-a-restaurant/versions/1')
      .expect(200);
    expect(preview.body.valid).toBe(true);
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.preview.form).toEqual(stored.body.compiled.form);
    expect(preview.body.preview.materials).toEqual(stored.body.compiled.materials);
    expect(preview.body.preview.diagram).toEqual(stored.body.compiled.diagram);
    expect(preview.body.preview.diagram).toMatch(/^stateDiagram-v2/);
    expect(preview.body.preview.notification).toMatchObject({
      criticalPath: stored.body.compiled.notification.criticalPath,
      estimatedDays: stored.body.compiled.notification.estimatedDays,
    });
    expect(preview.body.preview.catalogue).toEqual(
      expect.arrayContaining([
        { kind: 'item', code: 'food-operation-licence', version: 1 },
        { kind: 'department', code: 'market-regulation', version: 1 },
      ]),
    );
    expect(await rows()).toBe(before);
  });

  it('answers an invalid definition with every error at its pointer and no preview', async () => {
    const broken = {
      ...restaurant,
      promisedLimitDays: 1,
      items: [...restaurant.items, { item: 'no-such-item' }],
    };
    const preview = await app.as('admin').post('/admin/bundles/preview', broken).expect(200);
    expect(preview.body.valid).toBe(false);
    expect(preview.body.preview).toBeNull();
    const pointers = (preview.body.errors as { pointer: string }[]).map((error) => error.pointer);
    expect(pointers).toEqual(expect.arrayContaining([`/items/${restaurant.items.length}/item`]));
  });

  it('lists what changed between two versions at JSON pointers, both ways', async () => {
    const next: BundleDefinition = {
      ...restaurant,
      version: 2,
      promisedLimitDays: restaurant.promisedLimitDays + 2,
      delivery: [...new Set([...restaurant.delivery, 'post' as const])],
    };
    await app.as('admin').put('/admin/bundles/open-a-restaurant/draft', next).expect(200);
    await app.as('admin').post('/admin/bundles/open-a-restaurant/publish').expect(201);

    const diff = await app
      .as('admin')
      .get('/admin/bundles/open-a-restaurant/diff?from=1&to=2')
      .expect(200);
    expect(diff.body).toMatchObject({
      code: 'open-a-restaurant',
      from: { version: 1, checksum: expect.any(String) },
      to: { version: 2, checksum: expect.any(String) },
      identical: false,
    });
    const changes = diff.body.changes as Change[];
    expect(changes).toContainEqual({
      op: 'changed',
      before: { pointer: '/bundle/promisedLimitDays', value: restaurant.promisedLimitDays },
      after: { pointer: '/bundle/promisedLimitDays', value: restaurant.promisedLimitDays + 2 },
    });
    // The declared version is not content: it differs between any two versions.
    expect(changes.some((change) => change.after?.pointer === '/bundle/version')).toBe(false);
    expect(diff.body.summary.promisedLimitDays).toEqual({
      before: restaurant.promisedLimitDays,
      after: restaurant.promisedLimitDays + 2,
    });
    const back = await app
      .as('admin')
      .get('/admin/bundles/open-a-restaurant/diff?from=2&to=1')
      .expect(200);
    expect(back.body.changes).toHaveLength(changes.length);
    const same = await app
      .as('admin')
      .get('/admin/bundles/open-a-restaurant/diff?from=2&to=2')
      .expect(200);
    expect(same.body).toMatchObject({ identical: true, changes: [] });
  });

  it('compares a version with the draft as publishing would freeze it now, catalogue changes included', async () => {
    const item = await app.item('food-operation-licence');
    await app
      .as('admin')
      .put('/admin/catalogue/items/food-operation-licence/draft', { ...item, promisedLimitDays: 6 })
      .expect(200);
    await app.as('admin').post('/admin/catalogue/items/food-operation-licence/publish').expect(201);
    const v2 = await app.as('admin').get('/admin/bundles/open-a-restaurant/versions/2').expect(200);
    const draft = { ...(v2.body.definition as BundleDefinition), version: 3 };
    draft.items = draft.items.filter((entry) => entry.item !== 'drainage-permit');
    await app.as('admin').put('/admin/bundles/open-a-restaurant/draft', draft).expect(200);

    const diff = await app
      .as('admin')
      .get('/admin/bundles/open-a-restaurant/diff?from=2&to=draft')
      .expect(200);
    expect(diff.body.to).toEqual({ version: 'draft', checksum: null });
    expect(diff.body.summary.items).toEqual({
      added: [],
      removed: ['drainage-permit'],
      changed: ['food-operation-licence'],
    });
    const index = (v2.body.definition as BundleDefinition).items.findIndex(
      (entry) => entry.item === 'food-operation-licence',
    );
    expect(diff.body.changes).toContainEqual({
      op: 'changed',
      before: { pointer: `/items/${index}/promisedLimitDays`, value: 5 },
      after: { pointer: `/items/${index}/promisedLimitDays`, value: 6 },
    });
  });

  it('refuses bad sides with the field named, and unknown ones with 404', async () => {
    const bad = await app
      .as('admin')
      .get('/admin/bundles/open-a-restaurant/diff?from=latest&to=2')
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
    const missing = await app
      .as('admin')
      .get('/admin/bundles/open-a-restaurant/diff?from=1')
      .expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    await app.as('admin').get('/admin/bundles/open-a-restaurant/diff?from=1&to=9').expect(404);
    await app.as('admin').get('/admin/bundles/newborn/diff?from=1&to=draft').expect(404);
    await app.as('officer').get('/admin/bundles/open-a-restaurant/diff?from=1&to=2').expect(403);
  });

  it('says when the draft no longer validates against the catalogue', async () => {
    // Both longest steps at their legal limits: 3 + 10 working days, above the 12 promised.
    for (const [code, days] of [
      ['company-establishment-registration', 3],
      ['food-operation-licence', 10],
    ] as const) {
      const item = await app.item(code);
      await app
        .as('admin')
        .put(`/admin/catalogue/items/${code}/draft`, { ...item, promisedLimitDays: days })
        .expect(200);
      await app.as('admin').post(`/admin/catalogue/items/${code}/publish`).expect(201);
    }
    const stale = await app
      .as('admin')
      .get('/admin/bundles/open-a-restaurant/diff?from=2&to=draft')
      .expect(409);
    expect(stale.body.errors).toEqual([
      expect.objectContaining({ pointer: '/promisedLimitDays', code: 'limit-below-critical-path' }),
    ]);
  });
});
