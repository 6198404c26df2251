import request from 'supertest';
import { OutboxEntity } from '@onevisit/persistence';
import { publishSeeded, RESTAURANT_ANSWERS } from '../worker/worker-test-app.js';
import { type OpsTestApp, startOpsTestApp } from './ops-test-app.js';

describe('operations on the embedded shape', () => {
  let t: OpsTestApp;
  let admin: string;
  let applicant: string;

  beforeAll(async () => {
    t = await startOpsTestApp('ops', { RATE_LIMIT_WRITES: '1000' });
    await publishSeeded(t as unknown as Parameters<typeof publishSeeded>[0]);
    admin = await t.token({ sub: 'admin-1', roles: ['admin'] });
    applicant = await t.token({ sub: 'zhang-san', name: '张三', roles: ['applicant'] });
  });
  afterAll(() => t.close());

  const http = () => request(t.app.getHttpServer());

  describe('health', () => {
    it('answers liveness, readiness with database, Redis and workers, and the short alias', async () => {
      await http()
        .get('/health/live')
        .expect(200)
        .expect((r) => expect(r.body.status).toBe('ok'));
      const ready = await http().get('/health/ready').expect(200);
      expect(ready.body.details).toMatchObject({
        database: { status: 'up' },
        redis: { status: 'up' },
        workers: { status: 'up' },
      });
      await http().get('/health').expect(200, { status: 'ok' });
    });
  });

  describe('request id', () => {
    it('echoes a given X-Request-Id, makes one otherwise, and carries it into the jobs a request causes', async () => {
      const generated = await http().get('/health/live').expect(200);
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      // A hostile id (log injection) is replaced, not echoed.
      const hostile = await http().get('/health/live').set('X-Request-Id', 'a b"<x>').expect(200);
      expect(hostile.headers['x-request-id']).not.toContain(' ');

      const started = await http()
        .post('/cases')
        .set('Authorization', `Bearer ${applicant}`)
        .set('X-Request-Id', 'req-ops-start-1')
        .send({ bundleCode: 'open-a-restaurant', answers: RESTAURANT_ANSWERS })
        .expect(201);
      expect(started.headers['x-request-id']).toBe('req-ops-start-1');
      const rows = await t.dataSource.getRepository(OutboxEntity).find();
      const caused = rows.filter(
        (row) =>
          (row.payload as { meta?: { requestId?: string } }).meta?.requestId === 'req-ops-start-1',
      );
      expect(caused.length).toBeGreaterThan(0);
    });
  });

  describe('metrics', () => {
    it('reports latency by route template, cases by status, queue depth and job durations', async () => {
      await http().get('/catalogue/bundles/open-a-restaurant').expect(200);
      await http().get('/catalogue/bundles/no-such-bundle').expect(404);
      const metrics = await http().get('/metrics').expect(200);
      const text = metrics.text;
      expect(text).toMatch(
        /onevisit_http_request_duration_seconds_count\{method="GET",route="\/catalogue\/bundles\/:code",status="200"\} [1-9]/,
      );
      expect(text).toContain('route="/catalogue/bundles/:code",status="404"');
      expect(text).not.toContain('no-such-bundle');
      expect(text).toMatch(/onevisit_cases\{status="[a-z-]+"\} [1-9]/);
      expect(text).toMatch(/onevisit_queue_jobs\{queue="notifications",state="waiting"\} \d+/);
      expect(text).toContain('# TYPE onevisit_overdue_items gauge');
      expect(text).toContain('# TYPE onevisit_job_duration_seconds histogram');
      expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    });
  });

  describe('queue dashboard', () => {
    it('is for admins only, by bearer or by session cookie', async () => {
      await http().get('/admin/queues').expect(401);
      await http().get('/admin/queues').set('Authorization', `Bearer ${applicant}`).expect(403);
      const page = await http()
        .get('/admin/queues')
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
      expect(page.text).toContain('<html');
      const api = await http()
        .get('/admin/queues/api/queues')
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
      expect(JSON.stringify(api.body)).toContain('notifications');

      await http()
        .post('/admin/queues/session')
        .set('Authorization', `Bearer ${applicant}`)
        .expect(403);
      const session = await http()
        .post('/admin/queues/session')
        .set('Authorization', `Bearer ${admin}`)
        .expect(204);
      const cookie = String(session.headers['set-cookie']);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/admin\/queues/);
      const value = cookie.split(';')[0];
      await http().get('/admin/queues').set('Cookie', value).expect(200);
      await http().get('/admin/queues').set('Cookie', `${value}x`).expect(401);
    });
  });
});

describe('operations with tight settings', () => {
  let t: OpsTestApp;
  beforeAll(async () => {
    t = await startOpsTestApp('ops-tight', {
      RATE_LIMIT_WRITES: '2',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      METRICS_TOKEN: 'scrape-token-0123456789',
    });
  });
  afterAll(() => t.close());
  const http = () => request(t.app.getHttpServer());

  it('limits writes per client with a 429 JSON answer, never reads or probes', async () => {
    const admin = await t.token({ sub: 'admin-2', roles: ['admin'] });
    const write = () =>
      http().post('/admin/bundles/validate').set('Authorization', `Bearer ${admin}`).send({});
    await write().expect(200);
    await write().expect(200);
    const refused = await write().expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) await http().get('/health/live').expect(200);
    await http().get('/catalogue/bundles').expect(200);
  });

  it('wants the METRICS_TOKEN bearer when one is set', async () => {
    await http().get('/metrics').expect(401);
    await http().get('/metrics').set('Authorization', 'Bearer wrong-token-0123456789').expect(401);
    await http()
      .get('/metrics')
      .set('Authorization', 'Bearer scrape-token-0123456789')
      .expect(200)
      .expect((r) => expect(r.text).toContain('onevisit_http_request_duration_seconds'));
  });
});

describe('rate limits across replicas and behind a proxy', () => {
  const prefix = `test-replicas-${process.pid}-${Date.now()}`;
  let first: OpsTestApp;
  let second: OpsTestApp;
  let direct: OpsTestApp;
  beforeAll(async () => {
    const shared = { RATE_LIMIT_WRITES: '3', QUEUE_PREFIX: prefix, TRUST_PROXY: '127.0.0.1' };
    first = await startOpsTestApp('replica-a', shared);
    second = await startOpsTestApp('replica-b', shared);
    // Same counters, but no proxy trusted: X-Forwarded-For means nothing to it.
    direct = await startOpsTestApp('replica-direct', {
      RATE_LIMIT_WRITES: '3',
      QUEUE_PREFIX: `${prefix}-direct`,
    });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await direct.close();
  });

  it('counts a user’s writes on every replica against one limit', async () => {
    const admin = await first.token({ sub: 'admin-replicas', roles: ['admin'] });
    const write = (t: OpsTestApp) =>
      request(t.app.getHttpServer())
        .post('/admin/bundles/validate')
        .set('Authorization', `Bearer ${admin}`)
        .send({});
    await write(first).expect(200);
    await write(second).expect(200);
    await write(first).expect(200);
    const refused = await write(second).expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('takes the client address from a trusted proxy only', async () => {
    const verify = (t: OpsTestApp, client: string) =>
      request(t.app.getHttpServer())
        .post('/licences/verify')
        .set('X-Forwarded-For', client)
        .send({});
    // Behind the trusted proxy each forwarded client has a bucket of its own.
    for (let n = 0; n < 3; n += 1) await verify(first, '203.0.113.7').expect(400);
    await verify(second, '203.0.113.7').expect(429);
    await verify(second, '203.0.113.8').expect(400);
    // Straight from an untrusted peer the header is ignored: one bucket, the peer's.
    for (let n = 0; n < 3; n += 1) await verify(direct, `198.51.100.${n}`).expect(400);
    await verify(direct, '198.51.100.99').expect(429);
  });
});
