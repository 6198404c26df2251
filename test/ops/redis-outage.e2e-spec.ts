import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { Identity } from '@onevisit/auth';
import { IncidentEntity, OutboxEntity } from '@onevisit/persistence';
import { connectedNow } from '@onevisit/observability';
import { isJobName, QUEUE_OF_JOB, redisConnectionOptions } from '@onevisit/queues';
import { freePort, portAnswers, PrivateRedis, sleep } from '../fault/private-services.js';
import { APPLICANT, eventually, FLOW_RESTAURANT_ANSWERS, FlowApp } from '../support/flow-app.js';

import { buildDist, databaseUrlOf, WorkerProcess } from '../support/worker-process.js';

const ADMIN: Identity = { sub: 'admin-1', name: 'Admin', roles: ['admin'] };

/**
 * A worker process whose Redis goes away: it says so in its JSON log (once, not a stack
 * per reconnect), keeps what the API commits in the outbox, stops at once when told to,
 * and a worker started after Redis is back delivers every row.
 */
describe('a worker process while Redis is down', () => {
  let outage: OutageRedis;
  let redis: PrivateRedis;
  let f: FlowApp;
  let workerEnv: Record<string, string>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    buildDist();
    outage = await OutageRedis.start();
    redis = outage.redis;
    f = await FlowApp.start('redis-outage', { worker: false, env: { REDIS_URL: redis.url } });
    await f.publishSeeded();
    workerEnv = {
      DATABASE_URL: databaseUrlOf(f.config.database),
      VAR_DIR: f.db.dir,
      JWT_SECRET: f.config.jwt.secret,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: f.config.queuePrefix,
      LOG_LEVEL: 'log',
    };
  }, 240_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await outage.close(f);
  });

  it('tells a producer at once whether its connection is up', async () => {
    const queue = new Queue('supervision', {
      connection: redisConnectionOptions(redis.url),
      prefix: f.config.queuePrefix,
    });
    const nowhere = new Queue('supervision', {
      connection: {
        ...redisConnectionOptions(`redis://127.0.0.1:${await freePort()}`),
        retryStrategy: () => 60_000,
      },
    });
    nowhere.on('error', () => undefined);
    try {
      await queue.waitUntilReady();
      expect(await connectedNow(queue)).toBe(true);
      const t0 = Date.now();
      expect(await connectedNow(nowhere)).toBe(false);
      expect(Date.now() - t0).toBeLessThan(100);
    } finally {
      await queue.close();
      // Never connected: closing disconnects at once.
      await nowhere.close();
    }
  });

  it('logs the outage once, stops at once, and loses no outbox row', async () => {
    const first = await WorkerProcess.start(workerEnv);
    workers.push(first);
    await eventually(async () => (await pendingRows(f)) === 0, 30_000);

    await redis.stop();
    const started = await f.post(APPLICANT, '/cases', {
      bundleCode: 'open-a-restaurant',
      answers: FLOW_RESTAURANT_ANSWERS,
    });
    expect(started.status).toBe(201);
    const caseId = (started.body as { id: string }).id;
    // A few of the relay's polls and of the connections' reconnects.
    await sleep(2000);
    expect(await pendingRows(f)).toBeGreaterThan(0);

    const t0 = Date.now();
    expect(await first.stop(30_000)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5_000);

    const lines = first.log.split('\n').filter((line) => line.trim() !== '');
    // Every line is the service's JSON: no raw error stacks from the Redis clients.
    expect(lines.filter((line) => !line.startsWith('{'))).toEqual([]);
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(
      messages.filter((msg) => msg.startsWith('Redis unreachable (ECONNREFUSED')),
    ).toHaveLength(1);
    expect(
      messages.filter((msg) => msg.startsWith('outbox relay: Redis is not connected')),
    ).toHaveLength(1);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Redis does not answer: \d+ queue workers stop/),
        'shut down cleanly',
      ]),
    );

    // Redis back (its append-only file kept the queues), a new worker: every row goes out.
    await redis.start();
    workers.push(await WorkerProcess.start(workerEnv));
    await eventually(async () => (await pendingRows(f)) === 0, 30_000);
    const rows = await f.dataSource.getRepository(OutboxEntity).find();
    const ofCase = rows.filter((row) => row.payload.caseId === caseId);
    expect(ofCase.length).toBeGreaterThan(0);
    const queues = new Map<string, Queue>();
    try {
      for (const row of ofCase) {
        if (!isJobName(row.topic)) throw new Error(`outbox row ${row.id} has topic ${row.topic}`);
        const name = QUEUE_OF_JOB[row.topic];
        const queue =
          queues.get(name) ??
          new Queue(name, {
            connection: redisConnectionOptions(redis.url),
            prefix: f.config.queuePrefix,
          });
        queues.set(name, queue);
        // A timer's job waits for its time; every other job has run.
        const done = row.runAt ? ['delayed', 'waiting', 'completed'] : ['completed'];
        await eventually(async () => done.includes(await queue.getJobState(row.id)), 30_000);
      }
    } finally {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
    }
  }, 120_000);
});

/** The embedded shape (API and worker in one process) on a Redis that goes away. */
describe('the embedded process while Redis is down', () => {
  let outage: OutageRedis;
  let redis: PrivateRedis;
  let f: FlowApp | undefined;

  beforeAll(async () => {
    outage = await OutageRedis.start();
    redis = outage.redis;
  });

  afterAll(() => outage.close(f));

  it('still answers /metrics and the queue dashboard, saying the queues are cut off, and closes at once', async () => {
    const app = await FlowApp.start('redis-outage-embedded', { env: { REDIS_URL: redis.url } });
    f = app;
    const up = await app.http.get('/metrics').expect(200);
    expect(up.text).toMatch(/onevisit_queue_connected\{queue="supervision"\} 1/);
    expect(up.text).toMatch(/onevisit_queue_jobs\{queue="supervision",state="waiting"\}/);
    const board = await app.get(ADMIN, '/admin/queues/api/queues');
    expect(board.status).toBe(200);

    await redis.stop();
    await sleep(500);
    const t0 = Date.now();
    const down = await app.http.get('/metrics').expect(200);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(down.text).toMatch(/onevisit_queue_connected\{queue="supervision"\} 0/);
    expect(down.text).not.toMatch(/onevisit_queue_jobs\{/);
    // The HTTP metrics are there all the same.
    expect(down.text).toMatch(/onevisit_http_request_duration_seconds/);
    // The dashboard's data: refused at once with a time to come back, not held until Redis is.
    const t1 = Date.now();
    const boardDown = await app.get(ADMIN, '/admin/queues/api/queues');
    expect(Date.now() - t1).toBeLessThan(2_000);
    expect(boardDown.status).toBe(503);
    expect(boardDown.headers['retry-after']).toBe('5');
    expect(boardDown.body.message).toMatch(/Redis is unreachable/);
    // Its page needs no Redis.
    expect((await app.get(ADMIN, '/admin/queues')).status).toBe(200);

    // Nothing the scrape sent waits for Redis: the app closes without the shutdown guard.
    const closing = Date.now();
    await app.app.close();
    expect(Date.now() - closing).toBeLessThan(5_000);
    await redis.start();
    await app.db.drop();
    f = undefined;
  }, 60_000);
});

/** The API alone (no queues module): an admin's incident retry puts the job on a queue itself. */
describe('an incident retried while Redis is down', () => {
  let outage: OutageRedis;
  let redis: PrivateRedis;
  let f: FlowApp;

  beforeAll(async () => {
    outage = await OutageRedis.start();
    redis = outage.redis;
    f = await FlowApp.start('redis-outage-incident', {
      worker: false,
      env: { REDIS_URL: redis.url },
    });
  });

  afterAll(() => outage.close(f));

  it('answers 503 with Retry-After and leaves the incident open; once Redis is back it retries', async () => {
    const incidents = f.dataSource.getRepository(IncidentEntity);
    const incident = await incidents.save({
      id: randomUUID(),
      queue: 'supervision',
      jobName: 'supervision.bundle-published',
      jobId: randomUUID(),
      payload: { bundleCode: 'x', version: 1, checksum: 'c' },
      error: 'the platform was down',
      attempts: 5,
      createdAt: new Date(),
      resolvedAt: null,
      resolvedBy: null,
    });
    await redis.stop();
    const t0 = Date.now();
    const refused = await f.post(ADMIN, `/admin/incidents/${incident.id}/retry`);
    expect(refused.status).toBe(503);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((refused.body as { message: string }).message).toMatch(/^Redis is unreachable/);
    expect((await incidents.findOneByOrFail({ id: incident.id })).resolvedAt).toBeNull();

    await redis.start();
    const retried = await eventually(async () => {
      const answer = await f.post(ADMIN, `/admin/incidents/${incident.id}/retry`);
      return answer.status === 200 ? answer : null;
    }, 15_000);
    expect(retried.body).toMatchObject({ id: incident.id, resolvedBy: 'admin-1' });
    const queue = new Queue('supervision', {
      connection: redisConnectionOptions(redis.url),
      prefix: f.config.queuePrefix,
    });
    try {
      expect(await queue.getJobState(incident.jobId)).toBe('waiting');
    } finally {
      await queue.close();
    }
  }, 60_000);
});

async function pendingRows(f: FlowApp): Promise<number> {
  return f.dataSource
    .getRepository(OutboxEntity)
    .createQueryBuilder('row')
    .where('row.dispatched_at IS NULL')
    .getCount();
}

/** A Redis of one describe block's own, in a folder of its own, that the tests stop. */
class OutageRedis {
  private constructor(
    readonly redis: PrivateRedis,
    private readonly dir: string,
  ) {}

  static async start(): Promise<OutageRedis> {
    const dir = mkdtempSync(join(tmpdir(), 'onevisit-redis-outage-'));
    const redis = new PrivateRedis(join(dir, 'redis'), await freePort());
    await redis.start();
    return new OutageRedis(redis, dir);
  }

  /** Closes `app` (its queues are dropped from this Redis: back up first if a test left it down). */
  async close(app: FlowApp | undefined): Promise<void> {
    if (!(await portAnswers(this.redis.port))) await this.redis.start();
    await app?.close();
    await this.redis.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
