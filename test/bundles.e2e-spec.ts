import request from 'supertest';
import type { BundleDefinition, CompiledBundle } from '@onevisit/definitions';
import { BundleDefinitionEntity } from '@onevisit/persistence';
import { CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { startTestApp, type TestApp } from './support/test-app.js';
import { seededBundles, WORKFLOWS_ROOT } from './support/workflow-fixtures.js';

interface Coded {
  code: string;
}
/** supertest bodies are `any`; give each the shape the assertion reads. */
const listOf = <T>(response: { body: unknown }) => response.body as T[];
const codesOf = (response: { body: unknown }) => listOf<Coded>(response).map((b) => b.code);
const pointersOf = (response: { body: unknown }) =>
  (response.body as { errors: { pointer: string; message: string }[] }).errors.map(
    (e) => e.pointer,
  );

describe('bundle administration and the public catalogue', () => {
  let t: TestApp;
  let admin: string;
  let bundles: BundleDefinition[];
  const http = () => request(t.app.getHttpServer());
  const rowCount = () => t.dataSource.getRepository(BundleDefinitionEntity).count();

  beforeAll(async () => {
    t = await startTestApp('bundles');
    admin = await t.token({ sub: 'alice', roles: ['admin'] });
    const tree = await readWorkflowTree(WORKFLOWS_ROOT);
    await t.app.get(CatalogueService).upsert(tree.catalogue);
    bundles = seededBundles();
  });
  afterAll(() => t.close());

  it('serves the catalogue publicly', async () => {
    const items = await http().get('/catalogue/items').expect(200);
    const materials = await http().get('/catalogue/materials').expect(200);
    expect(items.body.length).toBeGreaterThan(0);
    expect(materials.body.length).toBeGreaterThan(0);
    expect(items.body[0]).toEqual(
      expect.objectContaining({ code: expect.any(String), department: expect.any(String) }),
    );
  });

  it('validates a definition as a dry run, storing nothing', async () => {
    const ok = await http()
      .post('/admin/bundles/validate')
      .auth(admin, { type: 'bearer' })
      .send(bundles[0])
      .expect(200);
    expect(ok.body).toEqual({ valid: true, errors: [] });
    const bad = await http()
      .post('/admin/bundles/validate')
      .auth(admin, { type: 'bearer' })
      .send({ ...bundles[0], promisedLimitDays: -1, items: [{ item: 'no-such-item' }] })
      .expect(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.errors.length).toBeGreaterThan(0);
    expect(await rowCount()).toBe(0);
  });

  it('refuses a broken definition with every error and stores nothing', async () => {
    const broken = {
      ...bundles[0],
      code: 'Not A Code!',
      name: { zh: '坏' },
      applicantKind: 'alien',
      promisedLimitDays: 'soon',
      delivery: ['pigeon'],
    };
    const response = await http()
      .post('/admin/bundles/drafts')
      .auth(admin, { type: 'bearer' })
      .send(broken)
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const pointers = pointersOf(response);
    expect(pointers.length).toBeGreaterThanOrEqual(5);
    for (const prefix of ['/code', '/name', '/applicantKind', '/promisedLimitDays', '/delivery']) {
      expect(pointers.some((p) => p.startsWith(prefix))).toBe(true);
    }
    for (const error of response.body.errors) expect(error.message).toEqual(expect.any(String));

    const semantic = { ...bundles[0], items: [...bundles[0].items, { item: 'no-such-item' }] };
    const second = await http()
      .post('/admin/bundles/drafts')
      .auth(admin, { type: 'bearer' })
      .send(semantic)
      .expect(400);
    expect(pointersOf(second).some((p) => p.startsWith('/items/'))).toBe(true);
    expect(await rowCount()).toBe(0);
  });

  it('publishes every seeded bundle and serves its compiled form, materials, notification, machine and diagram', async () => {
    for (const bundle of bundles) {
      await http()
        .post('/admin/bundles/drafts')
        .auth(admin, { type: 'bearer' })
        .send(bundle)
        .expect(201);
      const published = await http()
        .post(`/admin/bundles/${bundle.code}/publish`)
        .auth(admin, { type: 'bearer' })
        .expect(201);
      expect(published.body).toMatchObject({
        created: true,
        version: { code: bundle.code, version: 1, status: 'published' },
      });

      const detail = await http()
        .get(`/admin/bundles/${bundle.code}/versions/1`)
        .auth(admin, { type: 'bearer' })
        .expect(200);
      expect(detail.body).toMatchObject({
        code: bundle.code,
        version: 1,
        status: 'published',
        createdBy: 'alice',
      });
      expect(detail.body.definition).toEqual(bundle);
      expect(detail.body.checksum).toMatch(/^[0-9a-f]{64}$/);
      const { form, materials, notification, machine, diagram } = (
        detail.body as { compiled: CompiledBundle }
      ).compiled;
      // One form: the bundle's own fields plus the items', each key asked once.
      const keys = form.map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const field of bundle.form) expect(keys).toContain(field.key);
      const codes = materials.map((m) => m.material);
      expect(new Set(codes).size).toBe(codes.length);
      expect(notification.bundle.code).toBe(bundle.code);
      expect(notification.items.map((i) => i.item).sort()).toEqual(
        bundle.items.map((i) => i.item).sort(),
      );
      expect(typeof machine).toBe('object');
      expect(machine.id ?? machine.states).toBeTruthy();
      expect(diagram).toMatch(/stateDiagram-v2/);
    }
    expect(await rowCount()).toBe(bundles.length);

    const list = await http().get('/admin/bundles').auth(admin, { type: 'bearer' }).expect(200);
    expect(codesOf(list).sort()).toEqual(bundles.map((b) => b.code).sort());
  });

  it('lists published bundles publicly, with items, departments and promised days', async () => {
    const response = await http().get('/catalogue/bundles').expect(200);
    expect(codesOf(response).sort()).toEqual(bundles.map((b) => b.code).sort());
    const first = listOf<Coded & { items: unknown[] }>(response).find(
      (b) => b.code === bundles[0].code,
    )!;
    expect(first).toMatchObject({ version: 1, promisedLimitDays: bundles[0].promisedLimitDays });
    expect(first.items.length).toBe(bundles[0].items.length);
    expect(first.items[0]).toEqual(
      expect.objectContaining({
        department: expect.any(String),
        promisedLimitDays: expect.any(Number),
      }),
    );
    const detail = await http().get(`/catalogue/bundles/${bundles[0].code}`).expect(200);
    expect(Object.keys(detail.body)).toEqual(
      expect.arrayContaining(['form', 'materials', 'notification']),
    );
    expect(detail.body.machine).toBeUndefined();
    await http().get('/catalogue/bundles/no-such-bundle').expect(404);
  });

  it('makes no new version when the same content is published again', async () => {
    const bundle = bundles[0];
    const before = await rowCount();
    await http()
      .put(`/admin/bundles/${bundle.code}/draft`)
      .auth(admin, { type: 'bearer' })
      .send(bundle)
      .expect(200);
    const again = await http()
      .post(`/admin/bundles/${bundle.code}/publish`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(again.body).toMatchObject({
      created: false,
      version: { version: 1, status: 'published' },
    });
    expect(await rowCount()).toBe(before);
    await http()
      .get(`/admin/bundles/${bundle.code}/draft`)
      .auth(admin, { type: 'bearer' })
      .expect(404);
  });

  it('publishes a changed draft as version 2 and leaves version 1 unchanged', async () => {
    const bundle = bundles[0];
    const v1 = await http()
      .get(`/admin/bundles/${bundle.code}/versions/1`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    const changed = { ...bundle, version: 2, description: 'Changed wording for version 2' };

    // A declared version not above the latest is a conflict, and stores no version.
    const stale = { ...changed, version: 1 };
    await http()
      .put(`/admin/bundles/${bundle.code}/draft`)
      .auth(admin, { type: 'bearer' })
      .send(stale)
      .expect(200);
    await http()
      .post(`/admin/bundles/${bundle.code}/publish`)
      .auth(admin, { type: 'bearer' })
      .expect(409);

    await http()
      .put(`/admin/bundles/${bundle.code}/draft`)
      .auth(admin, { type: 'bearer' })
      .send(changed)
      .expect(200);
    const published = await http()
      .post(`/admin/bundles/${bundle.code}/publish`)
      .auth(admin, { type: 'bearer' })
      .expect(201);
    expect(published.body.version).toMatchObject({ version: 2, status: 'published' });
    expect(published.body.version.checksum).not.toBe(v1.body.checksum);

    const v1After = await http()
      .get(`/admin/bundles/${bundle.code}/versions/1`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(v1After.body).toEqual(v1.body);
    const versions = await http()
      .get(`/admin/bundles/${bundle.code}/versions`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(listOf<{ version: number }>(versions).map((v) => v.version)).toEqual([1, 2]);
    const live = await http().get(`/catalogue/bundles/${bundle.code}`).expect(200);
    expect(live.body.version).toBe(2);
    expect(live.body.description).toBe('Changed wording for version 2');
  });

  it('refuses a draft whose code differs from the URL', async () => {
    const response = await http()
      .put(`/admin/bundles/${bundles[0].code}/draft`)
      .auth(admin, { type: 'bearer' })
      .send(bundles[1])
      .expect(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: '/code' })]),
    );
  });

  it('hides a retired version from the public catalogue', async () => {
    const code = bundles[0].code;
    await http()
      .post(`/admin/bundles/${code}/versions/2/retire`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    // Version 1 is still live, so the public catalogue falls back to it.
    expect((await http().get(`/catalogue/bundles/${code}`).expect(200)).body.version).toBe(1);
    const retired = await http()
      .post(`/admin/bundles/${code}/versions/1/retire`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(retired.body).toMatchObject({ status: 'retired', retiredAt: expect.any(String) });
    await http().get(`/catalogue/bundles/${code}`).expect(404);
    const list = await http().get('/catalogue/bundles').expect(200);
    expect(codesOf(list)).not.toContain(code);
    expect(list.body.length).toBe(bundles.length - 1);
    // Retired versions stay readable for the cases pinned to them.
    await http()
      .get(`/admin/bundles/${code}/versions/1`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
  });
});
