/**
 * Ours: straight-through cases of the four-item instant-approval bundle, from case start
 * to delivery, durable — every transition through CaseService (one transaction each),
 * every effect through the outbox, the relay and BullMQ to the worker's processors.
 *
 * PostgreSQL: the bench process plays the API (commands), worker processes run the relay
 * and the processors. SQLite (the embedded default): API and worker in one process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { DataSource, MoreThanOrEqual } from 'typeorm';
import { createApiApp } from '../../../apps/api/src/create-api-app.js';
import { WorkerModule } from '../../../apps/worker/src/worker.module.js';
import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { loadConfig } from '@onevisit/config';
import { type Actor, CaseService } from '@onevisit/engine';
import { CaseEventEntity, OutboxEntity, parameterList } from '@onevisit/persistence';
import { QueueName, QueuesModule } from '@onevisit/queues';
import {
  BENCH_ANSWERS,
  BENCH_BUNDLE_CODE,
  benchBundle,
  benchItems,
} from '../fixtures/instant-approval-bundle.js';
import { cpuMsOf, ProcessCpuSampler } from '../process-cpu.js';
import { dropQueues } from '../../support/drop-queues.js';
import { lanes, percentile, rate } from '../stats.js';

export interface OursOptions {
  /** PostgreSQL server URL; absent: the embedded SQLite default. */
  pgUrl?: string;
  redisUrl: string;
  cases: number;
  /**
   * Cases run first and not counted: the JIT compiles the hot paths of both processes and
   * the connection pools fill, so the measured cases see the engine as it runs all day.
   */
  warmupCases: number;
  concurrency: number;
  /** Worker processes (PostgreSQL only). */
  workers: number;
}

export interface OursResult {
  database: 'postgres' | 'sqlite';
  workers: number;
  cases: number;
  /** Cases run before the measured ones and not counted. */
  warmupCases: number;
  casesPerSecond: number;
  transitions: number;
  transitionsPerSecond: number;
  /** Command (start / ACCEPT / DELIVER) to its committed transition, as the caller sees it. */
  commandP50Ms: number;
  commandP99Ms: number;
  /** Case start to ready for delivery (four items approved, licences issued). */
  caseP50Ms: number;
  caseP99Ms: number;
  /** Outbox row written → enqueued by the relay. */
  relayLagP50Ms: number;
  relayLagP99Ms: number;
  /**
   * Queue jobs completed per case during the run (every queue). Up to seven: the identity
   * check, three texts and three supervision messages, fewer when the relay batches texts
   * and supervision messages found together.
   */
  jobsPerCase: number;
  /** Job enqueued → picked up by a worker (identity checks, one per case). */
  queueWaitP50Ms: number;
  queueWaitP99Ms: number;
  /**
   * CPU time per case (user + system), of the process that sends the commands (the API
   * role; in the embedded run, API and worker together) and of the worker processes.
   */
  cpuMsPerCase: { api: number; workers: number | null };
  /**
   * CPU time per case of every PostgreSQL and Redis process on this machine during the
   * run (sampled from /proc; null without it). Other work on the machine counts too.
   */
  serverCpuMsPerCase: { postgres: number; redis: number } | null;
}

/** A case that takes longer than this is a failure of the run, not a slow sample. */
const CASE_TIMEOUT_MS = 120_000;

const CLERK: Actor = { kind: 'system', source: 'bench:window' };
const APPLICANT: Actor = {
  kind: 'user',
  identity: { sub: 'bench-applicant', name: '张三', roles: ['applicant'] },
};

export async function measureOurs(options: OursOptions): Promise<OursResult> {
  const label = `bench-${process.pid}-${Date.now()}`;
  const dir = mkdtempSync(join(tmpdir(), 'onevisit-bench-'));
  const database = options.pgUrl ? await createDatabase(options.pgUrl, label) : undefined;
  const env: Record<string, string> = {
    VAR_DIR: dir,
    JWT_SECRET: 'bench-secret-'.padEnd(48, 'x'),
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: label,
    LOG_LEVEL: 'error',
    ...(database ? { DATABASE_URL: database.url } : {}),
  };
  const config = loadConfig(env);
  const embedded = !database;
  const app = await createApiApp({
    config,
    logger: ['error'],
    imports: embedded ? [QueuesModule.forRoot(), WorkerModule] : [],
  });
  const workers: ChildProcess[] = [];
  try {
    const tree = await readWorkflowTree(join(process.cwd(), 'workflows'));
    await app
      .get(CatalogueService)
      .upsert({ ...tree.catalogue, items: [...tree.catalogue.items, ...benchItems()] });
    await app.get(BundleService).publish(benchBundle(), 'bench');
    if (!embedded) {
      for (let i = 0; i < options.workers; i++) workers.push(await startWorker(env));
    }
    const runner = new CaseRunner(app);
    try {
      await runner.run(options.warmupCases, options.concurrency);
      return await runner.measure(
        options,
        embedded ? 'sqlite' : 'postgres',
        workers.map((worker) => worker.pid ?? 0),
        env,
      );
    } finally {
      runner.stop();
      await runner.stopped();
    }
  } finally {
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(workers.map((worker) => exited(worker)));
    await app.close();
    await database?.drop();
    await dropQueues(options.redisUrl, label);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Drives cases and notices, by polling the case table, when they are ready for delivery. */
class CaseRunner {
  private readonly waiting = new Map<string, () => void>();
  private polling = true;
  private readonly poller: Promise<void>;
  readonly commandLatencies: number[] = [];
  readonly caseLatencies: number[] = [];

  constructor(private readonly app: INestApplication) {
    this.poller = this.poll();
  }

  private get cases(): CaseService {
    return this.app.get(CaseService);
  }

  private get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async run(count: number, concurrency: number): Promise<void> {
    await lanes(count, concurrency, async () => {
      const t0 = performance.now();
      const started = await this.timed(() =>
        this.cases.start({ bundleCode: BENCH_BUNDLE_CODE, answers: BENCH_ANSWERS }, APPLICANT),
      );
      const ready = new Promise<void>((resolve) => this.waiting.set(started.id, resolve));
      await this.timed(() => this.cases.apply(started.id, { type: 'ACCEPT' }, CLERK));
      await within(ready, CASE_TIMEOUT_MS, `case ${started.id} did not reach delivery`);
      this.caseLatencies.push(performance.now() - t0);
      const delivered = await this.timed(() =>
        this.cases.apply(started.id, { type: 'DELIVER', method: 'online' }, CLERK),
      );
      if (delivered.status !== 'delivered') throw new Error(`case ${started.id} not delivered`);
    });
  }

  async measure(
    options: OursOptions,
    database: 'postgres' | 'sqlite',
    workerPids: number[],
    env: Record<string, string>,
  ): Promise<OursResult> {
    this.commandLatencies.length = 0;
    this.caseLatencies.length = 0;
    const since = new Date();
    const eventsBefore = await this.dataSource.getRepository(CaseEventEntity).count();
    const jobsBefore = await completedJobs(env);
    const apiCpu0 = process.cpuUsage();
    const workersCpu0 = cpuMsOf(workerPids);
    const servers = new ProcessCpuSampler(['postgres', 'redis-server']);
    const t0 = Date.now();
    await this.run(options.cases, options.concurrency);
    const elapsed = Date.now() - t0;
    const serversCpu = servers.stop();
    const apiCpu = process.cpuUsage(apiCpu0);
    const workersCpu1 = cpuMsOf(workerPids);
    const transitions =
      (await this.dataSource.getRepository(CaseEventEntity).count()) - eventsBefore;
    const outbox = await this.dataSource
      .getRepository(OutboxEntity)
      .find({ where: { createdAt: MoreThanOrEqual(since) } });
    const relayLags = outbox
      .filter((row) => row.dispatchedAt !== null && row.runAt === null)
      .map((row) => (row.dispatchedAt as Date).getTime() - row.createdAt.getTime());
    const queueWaits = await identityCheckQueueWaits(env, since.getTime());
    const jobs = (await completedJobs(env)) - jobsBefore;
    return {
      database,
      workers: workerPids.length,
      cases: options.cases,
      warmupCases: options.warmupCases,
      casesPerSecond: rate(options.cases, elapsed),
      transitions,
      transitionsPerSecond: rate(transitions, elapsed),
      commandP50Ms: percentile(this.commandLatencies, 50),
      commandP99Ms: percentile(this.commandLatencies, 99),
      caseP50Ms: percentile(this.caseLatencies, 50),
      caseP99Ms: percentile(this.caseLatencies, 99),
      jobsPerCase: jobs / options.cases,
      relayLagP50Ms: percentile(relayLags, 50),
      relayLagP99Ms: percentile(relayLags, 99),
      queueWaitP50Ms: percentile(queueWaits, 50),
      queueWaitP99Ms: percentile(queueWaits, 99),
      cpuMsPerCase: {
        api: (apiCpu.user + apiCpu.system) / 1000 / options.cases,
        workers:
          workersCpu0 === null || workersCpu1 === null
            ? null
            : (workersCpu1 - workersCpu0) / options.cases,
      },
      serverCpuMsPerCase: serversCpu && {
        postgres: (serversCpu.postgres ?? 0) / options.cases,
        redis: (serversCpu['redis-server'] ?? 0) / options.cases,
      },
    };
  }

  stop(): void {
    this.polling = false;
  }

  private async timed<T>(command: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const result = await command();
    this.commandLatencies.push(performance.now() - t0);
    return result;
  }

  private async poll(): Promise<void> {
    while (this.polling) {
      const ids = [...this.waiting.keys()];
      if (ids.length > 0) {
        for (const row of await this.readyAmong(ids)) {
          this.waiting.get(row.id)?.();
          this.waiting.delete(row.id);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * Which of `ids` are ready for delivery. Plain SQL rather than a repository `find`: the
   * poll is the harness, not the product, and in the embedded run it shares the engine's
   * one thread, where building a TypeORM query a hundred times a second costs about as
   * much as a part of the engine.
   */
  private readyAmong(ids: string[]): Promise<{ id: string }[]> {
    return this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM "case" WHERE status = 'delivery' AND id IN ${parameterList(this.dataSource, ids.length)}`,
      ids,
    );
  }

  /** Resolves once the poll loop has seen `stop()`. */
  stopped(): Promise<void> {
    return this.poller;
  }
}

/** Jobs completed so far on every queue of the run's prefix (BullMQ keeps them a day). */
async function completedJobs(env: Record<string, string>): Promise<number> {
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  try {
    let total = 0;
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, { connection, prefix: env.QUEUE_PREFIX });
      total += await queue.getCompletedCount();
      await queue.close();
    }
    return total;
  } finally {
    await connection.quit();
  }
}

async function identityCheckQueueWaits(
  env: Record<string, string>,
  since: number,
): Promise<number[]> {
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(QueueName.DataSharing, { connection, prefix: env.QUEUE_PREFIX });
  try {
    const jobs = await queue.getJobs(['completed'], 0, 5000);
    // A job that failed before it completed waited out BullMQ's backoff: say why, it shows in the wait.
    const retried = jobs.filter((job) => job.timestamp >= since && job.attemptsMade > 1);
    if (retried.length > 0) {
      const reasons = new Map<string, number>();
      for (const job of retried)
        for (const trace of job.stacktrace ?? []) {
          const reason = trace.split('\n')[0] ?? trace;
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        }
      console.error(
        `bench: ${retried.length} identity check job(s) retried by BullMQ; first lines of their errors:`,
        [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 5),
      );
    }
    return jobs
      .filter((job) => job.timestamp >= since && job.processedOn !== undefined)
      .map((job) => (job.processedOn as number) - job.timestamp);
  } finally {
    await queue.close();
    await connection.quit();
  }
}

async function createDatabase(
  serverUrl: string,
  label: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = label.replace(/\W/g, '_');
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** A real worker process (relay + processors) on the same database and queues. */
async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const main = join(import.meta.dirname, '..', '..', '..', 'apps', 'worker', 'src', 'main.js');
  // BENCH_WORKER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=var/prof": to profile the workers.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const up = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited with ${String(code)}`)));
    // The worker says it is ready over IPC: its logs are quiet (LOG_LEVEL=error) here.
    child.once('message', () => resolve());
  });
  await within(up, CASE_TIMEOUT_MS, 'worker process did not start');
  child.stdout?.resume();
  return child;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
