import request from 'supertest';
import type { Role } from '@onevisit/auth';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Refusal {
  statusCode: number;
  errors?: { field: string; message: string }[];
}

/**
 * What the HTTP layer itself answers, before or around any controller: bodies it
 * refuses (each naming `body`), an empty JSON body, route ids that are not UUIDs (naming
 * `id`), conditional GETs, trailing slashes.
 */
describe('HTTP answers of the server', () => {
  let t: TestApp;
  let admin: string;
  const http = () => request(t.app.getHttpServer());

  beforeAll(async () => {
    t = await startTestApp('http-answers');
    admin = await t.token({ sub: 'admin-1', roles: ['admin'] });
  });
  afterAll(() => t.close());

  const fieldsOf = (body: unknown) => ((body as Refusal).errors ?? []).map((e) => e.field);

  const postRaw = (contentType: string, body: string) =>
    http().post('/licences/verify').set('Content-Type', contentType).send(body);

  it.each([
    ['that is not well-formed JSON', 'application/json', '{"seal":', 400],
    ['over the limit', 'application/json', JSON.stringify({ seal: 'x'.repeat(1024 * 1024) }), 413],
    ['of a type the API does not read', 'application/xml', '<seal/>', 415],
  ])('refuses a body %s, naming body', async (_what, contentType, body, status) => {
    const response = await postRaw(contentType, body).expect(status);
    expect(fieldsOf(response.body)).toEqual(['body']);
  });

  it('reads an empty JSON body as an empty object, so the answer names the missing fields', async () => {
    const response = await postRaw('application/json', '').expect(400);
    expect(fieldsOf(response.body)).toContain('seal');
    expect(fieldsOf(response.body)).not.toContain('body');
  });

  const importUpload = () =>
    http().post('/admin/calendar/import').set('Authorization', `Bearer ${admin}`);

  it('refuses an uploaded file over the route limit with 413 naming the file', async () => {
    const response = await importUpload()
      .attach('file', Buffer.alloc(1_100_000, 'a'), {
        filename: 'calendar.csv',
        contentType: 'text/csv',
      })
      .expect(413);
    expect(fieldsOf(response.body)).toEqual(['file']);
  });

  it('refuses a file in a field the route does not take with 400 naming that field', async () => {
    const response = await importUpload()
      .attach('upload', Buffer.from('date,kind,name\n'), 'calendar.csv')
      .expect(400);
    expect(fieldsOf(response.body)).toEqual(['upload']);
  });

  it('refuses a broken multipart form with 400 naming body', async () => {
    const response = await importUpload()
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('not a form')
      .expect(400);
    expect(fieldsOf(response.body)).toEqual(['body']);
  });

  it.each<[string, string, Role]>([
    ['a case', '/cases/not-a-uuid', 'applicant'],
    ['a task claim', '/tasks/42/claim', 'officer'],
  ])('refuses a route id that is not a UUID (%s) with 400 naming id', async (_what, path, role) => {
    const token = await t.token({
      sub: `${role}-1`,
      roles: [role],
      department: 'market-regulation',
    });
    const call = path.endsWith('/claim') ? http().post(path).send({}) : http().get(path);
    const response = await call.set('Authorization', `Bearer ${token}`).expect(400);
    expect(fieldsOf(response.body)).toEqual(['id']);
  });

  it('answers a conditional GET with 304 when the ETag still matches', async () => {
    const first = await http().get('/catalogue/bundles').expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"/);
    await http().get('/catalogue/bundles').set('If-None-Match', etag).expect(304);
    await http().get('/catalogue/bundles').set('If-None-Match', 'W/"other"').expect(200);
  });

  it('serves a path with a trailing slash like the path without one', async () => {
    const plain = await http().get('/catalogue/bundles').expect(200);
    const slashed = await http().get('/catalogue/bundles/').expect(200);
    expect(slashed.body).toEqual(plain.body);
  });

  it('gives a client a bounded time to send its request, as Node does by default', () => {
    const server = t.app.getHttpServer() as { requestTimeout: number };
    expect(server.requestTimeout).toBe(300_000);
  });

  it('times requests by route template, not by raw path', async () => {
    await http().get('/catalogue/bundles/no-such-bundle').expect(404);
    await http().get('/no/such/route').expect(404);
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toContain('route="/catalogue/bundles/:code",status="404"');
    expect(metrics.text).toContain('route="unmatched",status="404"');
    expect(metrics.text).not.toContain('no-such-bundle');
  });
});
