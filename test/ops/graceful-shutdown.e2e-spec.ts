import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { loadConfig } from '@onevisit/config';
import { redisConnectionOptions } from '@onevisit/queues';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { dropQueues } from '../support/drop-queues.js';
import { freePort } from '../fault/private-services.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { seededBundles, WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';

/** The parts of better-sqlite3 used here (the package ships no types). */
interface SqliteHandle {
  exec(sql: string): void;
  prepare(sql: string): { get(...params: unknown[]): unknown };
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  path: string,
  options?: { readonly?: boolean },
) => SqliteHandle;

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const JWT_SECRET = 'e2e-secret-'.padEnd(48, 'x');

/**
 * The built worker, stopped with SIGTERM while a job runs. The job is held mid-flight by a
 * write lock on the SQLite file (it blocks on its insert), which makes "in flight" certain
 * rather than a race. The lock trick is SQLite's: on PostgreSQL runs this file is skipped.
 */
const suite = process.env.DATABASE_URL ? describe.skip : describe;

suite('graceful shutdown of the built worker', () => {
  let db: TestDatabase;
  let dbPath: string;
  let worker: ChildProcess | undefined;
  let queue: Queue;
  const prefix = `test-shutdown-${process.pid}-${Date.now()}`;
  let published: { bundleCode: string; version: number; checksum: string };
  let output = '';

  beforeAll(async () => {
    execFileSync('npm', ['run', '-s', 'build'], { stdio: 'ignore' });
    db = await createTestDatabase('shutdown');
    if (db.database.type !== 'sqlite') throw new Error('SQLite expected');
    dbPath = db.database.path;
    // Schema and one published bundle, written by the API before the worker starts.
    const config = loadConfig({ VAR_DIR: db.dir, JWT_SECRET, LOG_LEVEL: 'error' });
    config.database = db.database;
    const api = await createApiApp({ config, logger: false });
    const tree = await readWorkflowTree(WORKFLOWS_ROOT);
    await api.get(CatalogueService).upsert(tree.catalogue);
    const result = await api.get(BundleService).publish(seededBundles()[0], 'seed');
    published = {
      bundleCode: result.version.code,
      version: result.version.version ?? 0,
      checksum: result.version.checksum ?? '',
    };
    await api.close();
    queue = new Queue('supervision', { connection: redisConnectionOptions(REDIS_URL), prefix });
  }, 180_000);

  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill('SIGKILL');
    await queue?.close();
    // Every queue the worker made under this prefix, not only the one the test fills.
    await dropQueues(REDIS_URL, prefix);
    await db?.drop();
  });

  it('lets the running job finish, then exits 0', async () => {
    // Production mode wants the keys given: the ones the API generated under VAR_DIR.
    const keys = JSON.parse(readFileSync(join(db.dir, 'pii-keys.json'), 'utf8')) as {
      keys: string;
      hashKey: string;
    };
    const httpPort = await freePort();
    worker = spawn(process.execPath, [join(process.cwd(), 'dist/apps/worker/src/main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: `sqlite:${dbPath}`,
        VAR_DIR: db.dir,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        JWT_SECRET,
        PII_KEYS: keys.keys,
        PII_HASH_KEY: keys.hashKey,
        ALLOW_DEMO_ADAPTERS: 'true',
        WORKER_HTTP_PORT: String(httpPort),
        LOG_LEVEL: 'log',
        SHUTDOWN_TIMEOUT_MS: '20000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    worker.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => worker?.once('exit', resolve));
    await until(
      () => output.includes('OneVisit worker running'),
      30_000,
      () => output,
    );
    // Demo adapters allowed in production: said at boot, as an error.
    expect(output).toMatch(/"level":"error".*DEMO ADAPTERS IN PRODUCTION/);
    // Its own port: readiness with the queue workers, and the Prometheus text.
    const ready = await fetch(`http://127.0.0.1:${httpPort}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, redis: { status: 'up' }, workers: { status: 'up' } },
    });
    const metrics = await fetch(`http://127.0.0.1:${httpPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('onevisit_process_cpu_seconds_total');
    expect((await fetch(`http://127.0.0.1:${httpPort}/nothing`)).status).toBe(404);

    // The worker's relay first dispatches what the API left in the outbox (the bundles it
    // published). Its UPDATE must be done before the lock below, or it waits on that lock
    // inside SQLite's busy timeout, which holds the worker's event loop, and the job the
    // test adds cannot start in time.
    await until(
      () => undispatchedOutboxRows(dbPath) === 0,
      30_000,
      () => output,
    );

    // Hold the database's write lock: the job will block on its insert.
    const lock = new Database(dbPath);
    lock.exec('BEGIN IMMEDIATE');
    let locked = true;
    try {
      const job = await queue.add(
        'supervision.bundle-published',
        { ...published, meta: { requestId: 'req-shutdown-1' } },
        { jobId: 'shutdown-job-1' },
      );
      await until(
        async () => (await job.getState()) === 'active',
        10_000,
        () => output,
      );
      worker.kill('SIGTERM');
      await sleep(800);
      // Still draining: the job holds the process open.
      expect(worker.exitCode).toBeNull();
      expect(await job.getState()).toBe('active');
      lock.exec('COMMIT');
      locked = false;
    } finally {
      if (locked) lock.exec('ROLLBACK');
      lock.close();
    }
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${httpPort}/health/live`)).rejects.toThrow();
    expect(await queue.getJobState('shutdown-job-1')).toBe('completed');
    const reader = new Database(dbPath, { readonly: true });
    const recorded = reader
      .prepare('SELECT COUNT(*) AS n FROM external_message WHERE id = ?')
      .get('shutdown-job-1') as { n: number };
    reader.close();
    expect(recorded.n).toBe(1);
    // JSON log lines: the signal, the drain and the clean end.
    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string });
    const messages = lines.map((line) => line.msg ?? '');
    expect(messages).toEqual(
      expect.arrayContaining(['SIGTERM: shutting down', 'shut down cleanly']),
    );
  }, 90_000);
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(
  probe: () => boolean | Promise<boolean>,
  timeoutMs: number,
  context: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out; output so far:\n${context()}`);
    await sleep(50);
  }
}

function undispatchedOutboxRows(dbPath: string): number {
  const reader = new Database(dbPath, { readonly: true });
  try {
    const row = reader
      .prepare('SELECT COUNT(*) AS n FROM outbox WHERE dispatched_at IS NULL')
      .get() as { n: number };
    return row.n;
  } finally {
    reader.close();
  }
}
