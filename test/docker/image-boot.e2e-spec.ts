import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PiiKeyring } from '@onevisit/pii';
import { dropQueues } from '../support/drop-queues.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { buildDist, databaseUrlOf } from '../support/worker-process.js';
import { freePort } from '../fault/private-services.js';
import {
  type ComposeService,
  readCompose,
  readDockerfile,
  serviceEnvironment,
  stageCommand,
  stageEnv,
} from './docker-files.js';

/** A user that owns nothing of the app, as `USER node` in the image owns nothing but VAR_DIR. */
const NOBODY = 65534;
const IMAGE_APP = '/app';
const IMAGE_VAR = '/var/lib/onevisit';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Root is needed to switch users; elsewhere (a developer's own account) this file is skipped. */
const suite = process.getuid?.() === 0 ? describe : describe.skip;

/** What an operator exports before `docker compose up` (compose.yaml's header). */
const OPERATOR = {
  POSTGRES_PASSWORD: 'not-used-here',
  JWT_SECRET: 'image-boot-'.padEnd(48, 'x'),
  PII_KEYS: `k1:${PiiKeyring.generateKey()}`,
  PII_HASH_KEY: PiiKeyring.generateKey(),
  ALLOW_DEMO_ADAPTERS: 'true',
};

/**
 * No Docker engine runs here, so the image's start is replayed: its files laid out as the
 * Dockerfile copies them (root-owned, VAR_DIR alone writable), its ENV, compose's
 * environment for each service, and each service's command run as a user who owns
 * nothing else. Only the addresses differ (the test's PostgreSQL schema and Redis, free
 * ports): the Compose network's names do not resolve here.
 */
suite('the image boots as compose runs it (without Docker)', () => {
  let root: string;
  let db: TestDatabase;
  const prefix = `test-image-${process.pid}-${Date.now()}`;
  const { compose } = readCompose();
  const runtime = readDockerfile().at(-1);
  if (!runtime) throw new Error('the Dockerfile has no stage');
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    buildDist();
    root = mkdtempSync(join(tmpdir(), 'onevisit-image-'));
    // Like the image's /app: root's, readable and searchable by everyone.
    chmodSync(root, 0o755);
    const app = join(root, 'app');
    mkdirSync(join(app, 'docker'), { recursive: true });
    cpSync('dist', join(app, 'dist'), { recursive: true });
    cpSync('workflows', join(app, 'workflows'), { recursive: true });
    cpSync('package.json', join(app, 'package.json'));
    cpSync('docker/healthcheck.mjs', join(app, 'docker/healthcheck.mjs'));
    // The dependencies as installed (read-only for the user, as in the image).
    symlinkSync(join(process.cwd(), 'node_modules'), join(app, 'node_modules'));
    mkdirSync(join(root, 'var', 'files'), { recursive: true });
    chownSync(join(root, 'var'), NOBODY, NOBODY);
    chownSync(join(root, 'var', 'files'), NOBODY, NOBODY);
    db = await createTestDatabase('image-boot');
    // An SQLite run keeps its file in the test's folder: the user must write there.
    if (db.database.type === 'sqlite') {
      chmodSync(db.dir, 0o755);
      chownSync(db.dir, NOBODY, NOBODY);
    }
  }, 240_000);

  afterAll(async () => {
    for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
    await db?.drop();
    await dropQueues(REDIS_URL, prefix);
    rmSync(root, { recursive: true, force: true });
  });

  /** Image paths to this test's copy. */
  const local = (value: string) =>
    value.replace(IMAGE_VAR, join(root, 'var')).replace(/^\/app(?=\/|$)/, join(root, 'app'));

  function environmentOf(
    service: ComposeService,
    operator: Record<string, string>,
    extra: Record<string, string> = {},
  ): Record<string, string> {
    const merged: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      ...stageEnv(runtime!),
      ...serviceEnvironment(service, operator),
      DATABASE_URL: databaseUrlOf(db.database),
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      ...extra,
    };
    return Object.fromEntries(Object.entries(merged).map(([key, value]) => [key, local(value)]));
  }

  function asNobody(command: string[], env: Record<string, string>): ChildProcess {
    const child = spawn(
      'setpriv',
      [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...command],
      { cwd: local(IMAGE_APP), env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.push(child);
    return child;
  }

  function finished(child: ChildProcess): Promise<{ code: number | null; output: string }> {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
  }

  /** Runs the service's compose healthcheck (its port swapped) as the user, until it passes. */
  async function healthy(service: ComposeService, port: string, env: Record<string, string>) {
    const [kind, ...probe] = service.healthcheck?.test ?? [];
    expect(kind).toBe('CMD');
    const command = probe.map((part) => (/^\d+$/.test(part) ? port : part));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const result = spawnSync(
        'setpriv',
        [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...command],
        { cwd: local(IMAGE_APP), env },
      );
      if (result.status === 0) return;
      if (Date.now() > deadline) throw new Error(`${command.join(' ')} never passed`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function serve(name: 'api' | 'worker', extra: Record<string, string>, port: string) {
    const service = compose.services[name] ?? {};
    const env = environmentOf(service, OPERATOR, extra);
    const child = asNobody(service.command ?? stageCommand(runtime!), env);
    const exited = finished(child);
    await healthy(service, port, env);
    return { child, exited };
  }

  it('migrates and publishes with the migrate service’s command', async () => {
    const service = compose.services.migrate ?? {};
    const run = await finished(asNobody(service.command ?? [], environmentOf(service, OPERATOR)));
    expect({ code: run.code, output: run.output }).toMatchObject({ code: 0 });
    expect(run.output).toMatch(/published|unchanged/i);
  }, 120_000);

  it('serves the API as the image’s CMD, healthy, and stops cleanly', async () => {
    expect(compose.services.api?.command).toEqual(stageCommand(runtime));
    const port = String(await freePort());
    const api = await serve('api', { PORT: port }, port);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    const catalogue = await fetch(`http://127.0.0.1:${port}/catalogue/bundles`);
    expect(((await catalogue.json()) as unknown[]).length).toBeGreaterThan(0);
    api.child.kill('SIGTERM');
    const end = await api.exited;
    expect(end.code).toBe(0);
    expect(end.output).not.toMatch(/EACCES/);
    // Demo adapters allowed by the operator: said loudly.
    expect(end.output).toMatch(/"level":"error".*DEMO ADAPTERS IN PRODUCTION/);
  }, 120_000);

  it('runs the worker with its own health and metrics port', async () => {
    const workerPort = compose.services.worker?.environment?.WORKER_HTTP_PORT ?? '';
    expect(workerPort).toMatch(/^\d+$/);
    const port = String(await freePort());
    const worker = await serve('worker', { WORKER_HTTP_PORT: port }, port);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(await metrics.text()).toContain('onevisit_job_duration_seconds');
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  }, 120_000);

  it('refuses to start without the personal-data keys or with demo adapters not allowed', async () => {
    const service = compose.services.api ?? {};
    const port = String(await freePort());
    const withoutKeys = await finished(
      asNobody(
        service.command ?? [],
        environmentOf(service, OPERATOR, { PORT: port, PII_KEYS: '', PII_HASH_KEY: '' }),
      ),
    );
    expect(withoutKeys.code).toBe(1);
    expect(withoutKeys.output).toMatch(/PII_KEYS: required in production/);
    expect(withoutKeys.output).toMatch(/PII_HASH_KEY: required in production/);
    const demo = await finished(
      asNobody(
        service.command ?? [],
        environmentOf(service, { ...OPERATOR, ALLOW_DEMO_ADAPTERS: '' }, { PORT: port }),
      ),
    );
    expect(demo.code).toBe(1);
    for (const port of [
      'SMS_GATEWAY',
      'SHARED_DATA_GATEWAY',
      'DEPARTMENT_NOTIFIER',
      'SUPERVISION_PLATFORM',
    ]) {
      expect(demo.output).toContain(`${port}: the demo adapter sends nothing in production`);
    }
  }, 60_000);
});
