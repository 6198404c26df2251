import type { BundleDefinition, CompiledBundle } from '@onevisit/definitions';
import { CatalogueEntryVersionEntity, ServiceItemEntity } from '@onevisit/persistence';
import { CatalogueApp, RESTAURANT_ANSWERS } from './catalogue-fixtures.js';

interface Problem {
  pointer: string;
  code: string;
  message: string;
}
const pointersOf = (body: unknown) => (body as { errors: Problem[] }).errors.map((e) => e.pointer);

const TOBACCO = {
  code: 'tobacco-retail-licence',
  name: { zh: '烟草专卖零售许可证', en: 'Tobacco retail licence' },
  kind: 'licence',
  issuer: 'market-regulation',
  validityYears: 5,
};

describe('catalogue administration through the API', () => {
  let app: CatalogueApp;
  const versionRows = () => app.t.dataSource.getRepository(CatalogueEntryVersionEntity).count();

  beforeAll(async () => {
    app = await CatalogueApp.start('catalogue_admin');
  });
  afterAll(() => app.close());

  it('lists every kind with the version the seeded files became', async () => {
    for (const kind of ['departments', 'materials', 'licence-types', 'items']) {
      const list = await app.as('admin').get(`/admin/catalogue/${kind}`).expect(200);
      const rows = list.body as { code: string; version: number; hasDraft: boolean }[];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.version === 1 && !row.hasDraft)).toBe(true);
    }
    const overview = await app
      .as('admin')
      .get('/admin/catalogue/items/food-operation-licence')
      .expect(200);
    expect(overview.body).toMatchObject({
      kind: 'item',
      code: 'food-operation-licence',
      version: 1,
      hasDraft: false,
      versions: [{ version: 1, status: 'published', createdBy: 'workflows' }],
      usedBy: [
        {
          bundle: 'open-a-restaurant',
          bundleVersion: 1,
          bundleStatus: 'published',
          entryVersion: 1,
          upToDate: true,
        },
      ],
    });
  });

  it('checks an entry as a dry run with pointed errors, storing nothing', async () => {
    const before = await versionRows();
    const item = await app.item('food-operation-licence');
    const ok = await app.as('admin').post('/admin/catalogue/items/validate', item).expect(200);
    expect(ok.body).toEqual({ valid: true, errors: [], impact: [] });

    const broken = {
      ...item,
      department: 'no-such-department',
      promisedLimitDays: 30,
      materials: [{ material: 'no-such-material', required: true, tolerable: false }],
      colour: 'red',
    };
    const bad = await app.as('admin').post('/admin/catalogue/items/validate', broken).expect(200);
    expect(bad.body.valid).toBe(false);
    // Structure first: an unknown property stops the check before semantics.
    expect(pointersOf(bad.body)).toEqual(['/colour']);
    delete (broken as { colour?: string }).colour;
    const semantic = await app
      .as('admin')
      .post('/admin/catalogue/items/validate', broken)
      .expect(200);
    expect(pointersOf(semantic.body)).toEqual([
      '/department',
      '/promisedLimitDays',
      '/materials/0/material',
    ]);
    const refused = await app.as('admin').post('/admin/catalogue/items/drafts', broken).expect(400);
    expect(refused.body.message).toBe('The service item has 3 error(s)');
    expect(pointersOf(refused.body)).toHaveLength(3);
    expect(await versionRows()).toBe(before);
  });

  it('drafts, changes, publishes and republishes a new entry', async () => {
    const base = '/admin/catalogue/licence-types';
    const draft = await app.as('admin').post(`${base}/drafts`, TOBACCO).expect(201);
    expect(draft.body).toMatchObject({
      code: TOBACCO.code,
      version: null,
      status: 'draft',
      createdBy: 'alice',
    });
    await app.as('admin').post(`${base}/drafts`, TOBACCO).expect(409);
    const listed = await app.as('admin').get(base).expect(200);
    expect(listed.body).toContainEqual(
      expect.objectContaining({ code: TOBACCO.code, version: null, hasDraft: true }),
    );

    const mismatch = await app.as('admin').put(`${base}/other-code/draft`, TOBACCO).expect(400);
    expect(mismatch.body.errors).toEqual([
      expect.objectContaining({ pointer: '/code', code: 'code-mismatch' }),
    ]);
    await app
      .as('admin')
      .put(`${base}/${TOBACCO.code}/draft`, { ...TOBACCO, validityYears: 3 })
      .expect(200);
    const read = await app.as('admin').get(`${base}/${TOBACCO.code}/draft`).expect(200);
    expect(read.body.body.validityYears).toBe(3);

    const published = await app.as('admin').post(`${base}/${TOBACCO.code}/publish`).expect(201);
    expect(published.body).toMatchObject({
      created: true,
      version: { version: 1, status: 'published' },
      impact: [],
    });
    await app.as('admin').get(`${base}/${TOBACCO.code}/draft`).expect(404);
    await app.as('admin').post(`${base}/${TOBACCO.code}/publish`).expect(404);

    // The same content again: no new version, and the draft is spent.
    await app
      .as('admin')
      .put(`${base}/${TOBACCO.code}/draft`, { ...TOBACCO, validityYears: 3 })
      .expect(200);
    const same = await app.as('admin').post(`${base}/${TOBACCO.code}/publish`).expect(200);
    expect(same.body).toMatchObject({ created: false, version: { version: 1 } });
    await app.as('admin').get(`${base}/${TOBACCO.code}/draft`).expect(404);

    // A discarded draft changes nothing.
    await app.as('admin').put(`${base}/${TOBACCO.code}/draft`, TOBACCO).expect(200);
    await app.as('admin').delete(`${base}/${TOBACCO.code}/draft`).expect(204);
    await app.as('admin').delete(`${base}/${TOBACCO.code}/draft`).expect(404);
    const overview = await app.as('admin').get(`${base}/${TOBACCO.code}`).expect(200);
    expect(overview.body).toMatchObject({ version: 1, hasDraft: false, usedBy: [] });
    const v1 = await app.as('admin').get(`${base}/${TOBACCO.code}/versions/1`).expect(200);
    expect(v1.body.body).toEqual({ ...TOBACCO, validityYears: 3 });
  });

  it('refuses malformed codes and versions in the path with the field named', async () => {
    const code = await app.as('admin').get('/admin/catalogue/items/Not%20A%20Code').expect(400);
    expect(code.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
    const version = await app
      .as('admin')
      .get('/admin/catalogue/items/food-operation-licence/versions/99999999999')
      .expect(400);
    expect(version.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
    await app
      .as('admin')
      .get('/admin/catalogue/items/food-operation-licence/versions/7')
      .expect(404);
    await app.as('admin').get('/admin/catalogue/items/no-such-item').expect(404);
    await app.as('clerk').get('/admin/catalogue/items').expect(403);
  });

  it('warns about the bundles an item change would break before it is published', async () => {
    const item = await app.item('food-operation-licence');
    const check = await app
      .as('admin')
      .post('/admin/catalogue/items/validate', { ...item, promisedLimitDays: 10 })
      .expect(200);
    expect(check.body.valid).toBe(true);
    expect(check.body.impact).toEqual([
      {
        bundle: 'open-a-restaurant',
        bundleVersion: 1,
        checked: 'version',
        errors: [
          expect.objectContaining({
            pointer: '/promisedLimitDays',
            code: 'limit-below-critical-path',
          }),
        ],
      },
    ]);
  });

  it('publishing an item version never changes a running case; a bundle published afterwards takes it up', async () => {
    const item = 'company-establishment-registration';
    const before = await app.acceptedCase();
    expect(await app.itemLimit(before, item)).toBe(1);
    const pending = await app.as('clerk').post('/cases', {
      bundleCode: 'open-a-restaurant',
      answers: RESTAURANT_ANSWERS,
      applicant: { sub: 'zhang-san', name: '张三' },
    });
    expect(pending.status).toBe(201);

    const body = { ...(await app.item(item)), promisedLimitDays: 2 };
    await app.as('admin').put(`/admin/catalogue/items/${item}/draft`, body).expect(200);
    const published = await app
      .as('admin')
      .post(`/admin/catalogue/items/${item}/publish`)
      .expect(201);
    expect(published.body.version).toMatchObject({ version: 2, createdBy: 'alice' });
    // Restaurants have room for one more day; starting a company promises 2 days in all.
    expect(published.body.impact).toEqual([
      { bundle: 'open-a-restaurant', bundleVersion: 1, checked: 'version', errors: [] },
      {
        bundle: 'start-a-company',
        bundleVersion: 1,
        checked: 'version',
        errors: [
          expect.objectContaining({
            pointer: '/promisedLimitDays',
            code: 'limit-below-critical-path',
          }),
        ],
      },
    ]);
    const row = await app.t.dataSource
      .getRepository(ServiceItemEntity)
      .findOneByOrFail({ code: item });
    expect(row.body.promisedLimitDays).toBe(2);

    // Cases pin bundle versions, and bundle version 1 froze item version 1.
    expect(await app.itemLimit(before, item)).toBe(1);
    await app
      .as('clerk')
      .post(`/cases/${pending.body.id}/intake`, { decision: 'accept' })
      .expect(200);
    expect(await app.itemLimit(pending.body.id as string, item)).toBe(1);
    const startedNow = await app.acceptedCase();
    expect(await app.itemLimit(startedNow, item)).toBe(1);
    const frozen = await app
      .as('admin')
      .get('/admin/bundles/open-a-restaurant/versions/1')
      .expect(200);
    const { compiled, definition: latest } = frozen.body as {
      compiled: CompiledBundle;
      definition: BundleDefinition;
    };
    const frozenItem = compiled.notification.items.find((entry) => entry.item === item);
    expect(frozenItem?.promisedLimitDays).toBe(1);

    // Publishing the bundle again freezes the catalogue as it is now. The definition
    // declares version 1; the next publish assigns the next one.
    const definition: BundleDefinition = { ...latest };
    delete definition.version;
    await app.as('admin').put('/admin/bundles/open-a-restaurant/draft', definition).expect(200);
    const republished = await app
      .as('admin')
      .post('/admin/bundles/open-a-restaurant/publish')
      .expect(201);
    expect(republished.body.version.version).toBe(2);
    const after = await app.acceptedCase();
    expect(await app.itemLimit(after, item)).toBe(2);
    expect(await app.itemLimit(before, item)).toBe(1);

    const overview = await app.as('admin').get(`/admin/catalogue/items/${item}`).expect(200);
    expect(overview.body.usedBy).toEqual([
      expect.objectContaining({
        bundle: 'open-a-restaurant',
        bundleVersion: 1,
        entryVersion: 1,
        upToDate: false,
      }),
      expect.objectContaining({
        bundle: 'open-a-restaurant',
        bundleVersion: 2,
        entryVersion: 2,
        upToDate: true,
      }),
      expect.objectContaining({
        bundle: 'start-a-company',
        bundleVersion: 1,
        entryVersion: 1,
        upToDate: false,
      }),
    ]);
  });
});
