import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { signToken } from '@onevisit/auth';
import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { loadConfig } from '@onevisit/config';
import { CaseDefinitions } from '@onevisit/engine';
import { seededBundles, WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';
import { answersFor, FINAL_STATUSES } from '../scale/case-autopilot.js';
import { auditCases, type AuditReport, settleQueues } from './case-auditor.js';
import { wholeNumber } from '../support/whole-number.js';
import { freePort, PrivatePostgres, PrivateRedis, sleep } from './private-services.js';
import { inBatches, linesOutsideJson, startNode } from './service-processes.js';
import { serviceNodeOptions } from '../support/service-node-options.js';

const API_MAIN = join(process.cwd(), 'dist', 'scale', 'apps', 'api', 'src', 'main.js');
const WORKER_MAIN = join(process.cwd(), 'dist', 'scale', 'apps', 'worker', 'src', 'main.js');
const JWT = { secret: 'fault-run-'.padEnd(48, 'x'), issuer: 'onevisit', ttl: '2h' };
/** Longer than a job lock (30 s) and a stall check, with room for the retries behind them. */
const QUEUES_SETTLE_MS = 75_000;
const BUNDLES = ['start-a-company', 'open-a-restaurant', 'newborn', 'retirement', 'after-death'];
const OUTCOME: Record<string, string> = {
  review: 'done',
  procedure: 'done',
  decision: 'approve',
  'post-check': 'passed',
  'rating-follow-up': 'done',
};

interface Http {
  status: number;
  body: unknown;
}

/** What the driver saw: answers by status, and the commands the API accepted. */
class Traffic {
  readonly statuses = new Map<number, number>();
  /** Commands answered 2xx: the case and the version they made (must be in the audit trail). */
  readonly accepted: { caseId: string; version: number }[] = [];
  /** Answers given while the database was down. */
  readonly duringOutage = new Map<number, number>();
  databaseDown = false;

  count(status: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (this.databaseDown) this.duringOutage.set(status, (this.duringOutage.get(status) ?? 0) + 1);
  }
}

/**
 * `npm run test:fault`: 1,000 cases of the five bundles run through the API (officer
 * steps driven over HTTP, licences, identity checks and notifications by two worker
 * processes) on a private PostgreSQL and a private Redis (AOF), while a worker is
 * SIGKILLed and replaced, Redis is killed and restarted, and PostgreSQL is stopped and
 * started. Then the auditor checks every case. Exit code 0 only with zero anomalies.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '1000' },
      keep: { type: 'boolean', default: false },
    },
  });
  const total = wholeNumber('--cases', values.cases, 1000);
  const began = Date.now();
  const log = (message: string) =>
    console.log(`[${((Date.now() - began) / 1000).toFixed(1).padStart(6)} s] ${message}`);
  const root = mkdtempSync(join(tmpdir(), 'onevisit-fault-'));
  // The postgres user must reach its data folder inside.
  chmodSync(root, 0o755);
  const redis = new PrivateRedis(join(root, 'redis'), await freePort());
  const postgres = new PrivatePostgres(join(root, 'pg'), await freePort());
  const children: ChildProcess[] = [];
  let inProcess: INestApplication | null = null;
  let report: AuditReport | undefined;
  const traffic = new Traffic();
  // Stops everything this run started: on the way out, and on Ctrl-C.
  const cleanUp = async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await sleep(1000);
    if (inProcess) await inProcess.close().catch(() => undefined);
    await redis.stop().catch(() => undefined);
    try {
      postgres.stop();
    } catch {
      // already stopped
    }
    if (!values.keep) rmSync(root, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    postgres.init();
    await postgres.start();
    await redis.start();
    log(`PostgreSQL on ${postgres.port}, Redis (AOF) on ${redis.port}`);

    const apiPort = await freePort();
    const apiLog = join(root, 'api.log');
    const workerLogs: string[] = [];
    const workerLog = () => {
      const file = join(root, `worker-${workerLogs.length + 1}.log`);
      workerLogs.push(file);
      return file;
    };
    const env = {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: serviceNodeOptions(),
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `fault-${process.pid}`,
      JWT_SECRET: JWT.secret,
      LOG_LEVEL: 'warn',
      VAR_DIR: join(root, 'var'),
      // Writes are what this test makes: keep the rate limiter out of the way.
      RATE_LIMIT_WRITES: '1000000',
    };
    // Migrations and the published bundles, as `workflows:publish` does before a deploy.
    const config = loadConfig({ ...env, PORT: String(apiPort) });
    inProcess = await createApiApp({ config, logger: false });
    const tree = await readWorkflowTree(WORKFLOWS_ROOT);
    await inProcess.get(CatalogueService).upsert(tree.catalogue);
    for (const bundle of seededBundles())
      await inProcess.get(BundleService).publish(bundle, 'seed');
    const forms = new Map<string, Record<string, unknown>>();
    for (const code of BUNDLES) {
      const definition = await inProcess.get(CaseDefinitions).latest(code);
      forms.set(code, answersFor(definition.compiled.form));
    }
    const departments = [
      ...new Set(
        await inProcess.get(DataSource).query<
          {
            code: string;
          }[]
        >(`SELECT code FROM department`),
      ),
    ].map((row) => row.code);

    const api = await startNode(API_MAIN, { ...env, PORT: String(apiPort) }, apiPort, apiLog);
    children.push(api);
    let workers = [
      await startNode(
        WORKER_MAIN,
        { ...env, LOG_LEVEL: 'log', WORKER_HTTP_PORT: String(await freePort()) },
        'worker running',
        workerLog(),
      ),
      await startNode(
        WORKER_MAIN,
        { ...env, LOG_LEVEL: 'log', WORKER_HTTP_PORT: String(await freePort()) },
        'worker running',
        workerLog(),
      ),
    ];
    children.push(...workers);
    log('API and two workers running');

    const token = (identity: Record<string, unknown>) =>
      signToken(JWT, { sub: 'x', name: 'X', roles: [], ...identity }, '2h');
    const clerk = await token({ sub: 'clerk-f', name: 'Window', roles: ['clerk'], window: 'w1' });
    const applicant = await token({ sub: 'applicant-f', name: '张三', roles: ['applicant'] });
    const officers = new Map<string, string>();
    for (const department of departments) {
      officers.set(
        department,
        await token({ sub: `o-${department}`, roles: ['officer'], department }),
      );
    }
    const http = async (
      method: string,
      path: string,
      bearer: string,
      body?: unknown,
    ): Promise<Http> => {
      try {
        const response = await fetch(`http://127.0.0.1:${apiPort}${path}`, {
          method,
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await response.text();
        traffic.count(response.status);
        const parsed: unknown = text ? JSON.parse(text) : null;
        if (response.ok && method === 'POST') recordAccepted(traffic, parsed);
        return { status: response.status, body: parsed };
      } catch {
        traffic.count(0);
        return { status: 0, body: null };
      }
    };

    // Start the cases, a few at a time, as applicants submit them.
    const caseIds: string[] = [];
    await inBatches(
      Array.from({ length: total }, (_, n) => n),
      20,
      async (n) => {
        const code = BUNDLES[n % BUNDLES.length] ?? '';
        for (let attempt = 0; attempt < 50; attempt += 1) {
          const started = await http('POST', '/cases', applicant, {
            bundleCode: code,
            answers: forms.get(code),
          });
          if (started.status === 201) {
            caseIds.push((started.body as { id: string }).id);
            return;
          }
          await sleep(500);
        }
        throw new Error(`could not start a ${code} case`);
      },
    );
    log(`${caseIds.length} cases started`);

    let faultFailure: unknown = null;
    const faults = runFaults(log, traffic, {
      killWorker: async () => {
        const [victim, ...rest] = workers;
        victim?.kill('SIGKILL');
        const replacement = await startNode(
          WORKER_MAIN,
          { ...env, LOG_LEVEL: 'log', WORKER_HTTP_PORT: String(await freePort()) },
          'worker running',
          workerLog(),
        );
        children.push(replacement);
        workers = [...rest, replacement];
      },
      restartRedis: async () => {
        await redis.crash();
        await sleep(2000);
        await redis.start();
      },
      restartPostgres: async () => {
        postgres.stop();
        traffic.databaseDown = true;
        // Commands sent now must get 503 (with Retry-After), never 500.
        for (let n = 0; n < 10; n += 1) {
          await http('POST', '/cases', applicant, {
            bundleCode: BUNDLES[0],
            answers: forms.get(BUNDLES[0] ?? ''),
          });
          await http('GET', `/cases/${caseIds[n] ?? ''}`, applicant);
          await sleep(300);
        }
        traffic.databaseDown = false;
        await postgres.start();
      },
    }).catch((error: unknown) => {
      // Keep driving and auditing: a fault that could not be staged fails the run below.
      faultFailure = error;
      traffic.databaseDown = false;
    });

    // Drive every case to its end: the window, officers, delivery and rating.
    const deadline = Date.now() + 20 * 60_000;
    let open = caseIds.length;
    while (open > 0 && Date.now() < deadline) {
      for (const department of departments) {
        const listed = await http(
          'GET',
          '/tasks?status=open&limit=500',
          officers.get(department) ?? '',
        );
        if (listed.status !== 200) continue;
        const tasks = listed.body as { id: string; kind: string }[];
        await inBatches(tasks, 10, async (task) => {
          await http('POST', `/tasks/${task.id}/complete`, officers.get(department) ?? '', {
            outcome: OUTCOME[task.kind] ?? 'done',
          });
        });
      }
      let stillOpen = 0;
      await inBatches(caseIds, 20, async (caseId) => {
        const viewed = await http('GET', `/cases/${caseId}`, clerk);
        if (viewed.status !== 200) {
          stillOpen += 1;
          return;
        }
        const view = viewed.body as { status: string; allowedEvents: { type: string }[] };
        if (FINAL_STATUSES.has(view.status)) return;
        stillOpen += 1;
        const allowed = new Set(view.allowedEvents.map((event) => event.type));
        if (view.status === 'intake') {
          await http('POST', `/cases/${caseId}/intake`, clerk, { decision: 'accept' });
        } else if (allowed.has('DELIVER')) {
          await http('POST', `/cases/${caseId}/deliver`, clerk, { method: 'window' });
        } else if (allowed.has('RATE')) {
          await http('POST', `/cases/${caseId}/rating`, applicant, { level: 5 });
        }
      });
      open = stillOpen;
      log(`${caseIds.length - open} of ${caseIds.length} cases completed`);
      await sleep(500);
    }
    await faults;

    // Let the workers finish what is queued (notifications, supervision reports). A job
    // that was active when Redis or a worker died is taken back by BullMQ's stall check
    // once its lock runs out (30 s): wait that long before calling anything stuck.
    const settled = await settleQueues(redis.url, env.QUEUE_PREFIX, QUEUES_SETTLE_MS);
    log(`queues ${settled ? 'settled' : 'still busy'} after the faults`);
    report = await auditCases({
      dataSource: inProcess.get(DataSource),
      app: inProcess,
      caseIds,
      redisUrl: redis.url,
      queuePrefix: env.QUEUE_PREFIX,
      accepted: traffic.accepted,
    });
    if (faultFailure !== null)
      report.anomalies.push(
        `a fault could not be staged: ${faultFailure instanceof Error ? faultFailure.message : JSON.stringify(faultFailure)}`,
      );
    if (traffic.statuses.get(500)) {
      report.anomalies.push(`${traffic.statuses.get(500)} answers were 500`);
      for (const line of errorLines(apiLog)) log(`API: ${line}`);
    }
    // Through every fault, each process logs in its JSON shape: no raw stacks from a client
    // library reconnecting (those bury the lines that matter, and no log shipper parses them).
    const logs = [apiLog, ...workerLogs];
    for (const file of logs) {
      const raw = linesOutsideJson(file);
      if (raw.length > 0)
        report.anomalies.push(
          `${basename(file)}: ${raw.length} lines outside the JSON log, first: ${raw[0]}`,
        );
    }
    const outage = Object.fromEntries(traffic.duringOutage);
    if (!traffic.duringOutage.get(503)) {
      report.anomalies.push(`no 503 while PostgreSQL was down: ${JSON.stringify(outage)}`);
    }
    for (const status of traffic.duringOutage.keys()) {
      if (status >= 500 && status !== 503)
        report.anomalies.push(`answered ${status} during the outage`);
    }
    log(`answers by status: ${JSON.stringify(Object.fromEntries(traffic.statuses))}`);
    log(`answers while PostgreSQL was down: ${JSON.stringify(outage)}`);
    log(`audit: ${JSON.stringify(report.figures)}`);
    for (const anomaly of report.anomalies.slice(0, 50)) log(`ANOMALY ${anomaly}`);
    log(
      report.anomalies.length === 0
        ? 'auditor: zero anomalies'
        : `auditor: ${report.anomalies.length} anomalies`,
    );
  } finally {
    await cleanUp();
  }
  process.exit(report && report.anomalies.length === 0 ? 0 : 1);
}

/** The three faults, one after another while the cases run. */
async function runFaults(
  log: (message: string) => void,
  traffic: Traffic,
  faults: {
    killWorker(): Promise<void>;
    restartRedis(): Promise<void>;
    restartPostgres(): Promise<void>;
  },
): Promise<void> {
  await sleep(5000);
  log('fault (a): SIGKILL a worker, start another');
  await faults.killWorker();
  await sleep(8000);
  log('fault (b): Redis killed, restarted from its append-only file');
  await faults.restartRedis();
  await sleep(8000);
  log('fault (c): PostgreSQL stopped, commands sent, started again');
  await faults.restartPostgres();
  log(`faults done (answers so far: ${JSON.stringify(Object.fromEntries(traffic.statuses))})`);
}

/** The API's logged errors, to say why something answered 500. */
function errorLines(file: string): string[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const errors = lines.filter(
    (line) => /ERROR|"level":"?(error|50)/i.test(line) && !line.includes('status code 503'),
  );
  return [...new Set(errors.map((line) => line.slice(0, 600)))].slice(0, 15);
}

function recordAccepted(traffic: Traffic, body: unknown): void {
  const view = (body as { case?: unknown })?.case ?? body;
  const candidate = view as { id?: unknown; version?: unknown };
  if (typeof candidate?.id === 'string' && typeof candidate.version === 'number') {
    traffic.accepted.push({ caseId: candidate.id, version: candidate.version });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
