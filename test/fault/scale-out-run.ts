import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
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
import { CaseEntity } from '@onevisit/persistence';
import { QueueName } from '@onevisit/queues';
import { seededBundles, WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';
import { answersFor } from '../scale/case-autopilot.js';
import { auditCases, type AuditReport, settleQueues } from './case-auditor.js';
import { wholeNumber } from '../support/whole-number.js';
import { freePort, PrivatePostgres, PrivateRedis, sleep } from './private-services.js';
import { inBatches, linesOutsideJson, startNode } from './service-processes.js';
import { serviceNodeOptions } from '../support/service-node-options.js';
import { ReplicaClient } from './replica-client.js';
import { driveToClosed, liveUpdateThroughOtherReplica } from './scale-out-steps.js';

const API_MAIN = join(process.cwd(), 'dist', 'scale', 'apps', 'api', 'src', 'main.js');
const WORKER_MAIN = join(process.cwd(), 'dist', 'scale', 'apps', 'worker', 'src', 'main.js');
const JWT = { secret: 'scale-out-run-'.padEnd(48, 'x'), issuer: 'onevisit', ttl: '2h' };
/** Jobs of a killed worker come back after their lock: shorter than the default here. */
const LOCK_MS = 10_000;
const QUEUES_SETTLE_MS = 60_000;
const BUNDLES = ['start-a-company', 'open-a-restaurant', 'newborn', 'retirement', 'after-death'];

/**
 * `npm run test:scale-out`: the production shape without containers. Two API processes
 * and three worker processes on one (private) PostgreSQL and one (private) Redis; the
 * cases are started and driven through both APIs alternately (case starts with an
 * `Idempotency-Key`, retried on the other API when one does not answer); mid-run one API
 * and one worker are SIGKILLed, and each is replaced as an orchestrator would. Live
 * updates are checked through the API that did not take the command. Then the fault
 * auditor checks every case, and no case may exist twice. Exit 0 only with zero anomalies.
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
  const root = mkdtempSync(join(tmpdir(), 'onevisit-scale-out-'));
  chmodSync(root, 0o755);
  const redis = new PrivateRedis(join(root, 'redis'), await freePort());
  const postgres = new PrivatePostgres(join(root, 'pg'), await freePort());
  const children: ChildProcess[] = [];
  let inProcess: INestApplication | null = null;
  let report: AuditReport | undefined;
  const cleanUp = async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await sleep(1000);
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
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
    log(`PostgreSQL on ${postgres.port}, Redis on ${redis.port}`);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: serviceNodeOptions(),
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `scale-out-${process.pid}`,
      JWT_SECRET: JWT.secret,
      LOG_LEVEL: 'warn',
      VAR_DIR: join(root, 'var'),
      RATE_LIMIT_WRITES: '1000000',
      TRUST_PROXY: '127.0.0.1',
      ...Object.fromEntries(
        Object.values(QueueName).map((queue) => [
          `QUEUE_${queue.toUpperCase().replace(/-/g, '_')}_LOCK_MS`,
          String(LOCK_MS),
        ]),
      ),
    };
    // Migrations, catalogue and bundles, as the deployment's one-shot step does.
    inProcess = await createApiApp({ config: loadConfig(env), logger: false });
    const tree = await readWorkflowTree(WORKFLOWS_ROOT);
    await inProcess.get(CatalogueService).upsert(tree.catalogue);
    for (const bundle of seededBundles())
      await inProcess.get(BundleService).publish(bundle, 'seed');
    const forms = new Map<string, Record<string, unknown>>();
    for (const code of BUNDLES) {
      forms.set(
        code,
        answersFor((await inProcess.get(CaseDefinitions).latest(code)).compiled.form),
      );
    }
    const departments = (
      await inProcess.get(DataSource).query<{ code: string }[]>(`SELECT code FROM department`)
    ).map((row) => row.code);

    const logs: string[] = [];
    const logFile = (name: string) => {
      const file = join(root, `${name}-${logs.length + 1}.log`);
      logs.push(file);
      return file;
    };
    const apiPorts = [await freePort(), await freePort()];
    const startApi = (port: number) =>
      startNode(API_MAIN, { ...env, PORT: String(port) }, port, logFile('api'));
    const startWorker = async () => {
      const port = await freePort();
      const child = await startNode(
        WORKER_MAIN,
        { ...env, LOG_LEVEL: 'log', WORKER_HTTP_PORT: String(port) },
        'worker running',
        logFile('worker'),
      );
      return { child, port };
    };
    const apis = await Promise.all(apiPorts.map(startApi));
    children.push(...apis);
    const workers = await Promise.all([startWorker(), startWorker(), startWorker()]);
    children.push(...workers.map((worker) => worker.child));
    log(`2 APIs (ports ${apiPorts.join(', ')}) and 3 workers running`);

    const client = new ReplicaClient(apiPorts);
    const anomalies: string[] = [];
    // Every process answers Prometheus: the APIs on their port, the workers on their own.
    for (const port of [...apiPorts, ...workers.map((worker) => worker.port)]) {
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => null);
      const text = scraped?.ok ? await scraped.text() : '';
      if (!text.includes('onevisit_process_cpu_seconds_total'))
        anomalies.push(`port ${port}: /metrics did not answer Prometheus text`);
    }

    const token = (identity: Record<string, unknown>) =>
      signToken(JWT, { sub: 'x', name: 'X', roles: [], ...identity }, '2h');
    const tokens = {
      clerk: await token({ sub: 'clerk-s', name: 'Window', roles: ['clerk'], window: 'w1' }),
      applicant: await token({ sub: 'applicant-s', name: '张三', roles: ['applicant'] }),
      officers: new Map<string, string>(),
    };
    for (const department of departments) {
      tokens.officers.set(
        department,
        await token({ sub: `o-${department}`, roles: ['officer'], department }),
      );
    }

    // Live updates through either API: a stream on one replica sees a command taken by
    // the other, both ways round.
    const caseIds: string[] = [];
    for (const [stream, command] of [
      [1, 0],
      [0, 1],
    ] as const) {
      const probe = await client.startCase(
        tokens.applicant,
        { bundleCode: BUNDLES[0], answers: forms.get(BUNDLES[0] ?? '') },
        randomUUID(),
      );
      caseIds.push(probe);
      const live = await liveUpdateThroughOtherReplica(
        client,
        tokens.clerk,
        probe,
        stream,
        command,
      );
      if (live) anomalies.push(live);
    }
    log('live updates arrive through either API');

    // Mid-run faults: one API and one worker SIGKILLed, each replaced a little later.
    const faults = (async () => {
      await client.waitUntil(() => client.started >= Math.floor(total * 0.4) + 2);
      log(`fault: SIGKILL the API on port ${apiPorts[1]} (${client.started} cases started)`);
      apis[1]?.kill('SIGKILL');
      client.markDown(1);
      await sleep(3000);
      children.push(await startApi(apiPorts[1] ?? 0));
      client.markUp(1);
      log('API replaced');
      await client.waitUntil(() => client.started >= total);
      await sleep(4000);
      const victim = workers.shift();
      log('fault: SIGKILL a worker');
      victim?.child.kill('SIGKILL');
      await sleep(2000);
      const replacement = await startWorker();
      workers.push(replacement);
      children.push(replacement.child);
      log('worker replaced');
    })();

    await inBatches(
      Array.from({ length: total - caseIds.length }, (_, n) => n),
      20,
      async (n) => {
        const code = BUNDLES[n % BUNDLES.length] ?? '';
        const started = await client.startCase(
          tokens.applicant,
          { bundleCode: code, answers: forms.get(code) },
          randomUUID(),
        );
        caseIds.push(started);
      },
    );
    log(`${caseIds.length} cases started through both APIs`);
    await driveToClosed(client, caseIds, tokens, log);
    await faults;

    const settled = await settleQueues(redis.url, env.QUEUE_PREFIX ?? '', QUEUES_SETTLE_MS);
    log(`queues ${settled ? 'settled' : 'still busy'}`);
    report = await auditCases({
      dataSource: inProcess.get(DataSource),
      app: inProcess,
      caseIds,
      redisUrl: redis.url,
      queuePrefix: env.QUEUE_PREFIX ?? '',
      accepted: client.accepted,
    });
    report.anomalies.push(...anomalies);
    // A retried start that made a second case would leave one nobody drove.
    const stored = await inProcess.get(DataSource).getRepository(CaseEntity).count();
    if (stored !== caseIds.length)
      report.anomalies.push(`${stored} cases stored for ${caseIds.length} started`);
    if (client.statuses.get(500))
      report.anomalies.push(`${client.statuses.get(500)} answers were 500`);
    for (const file of logs) {
      const raw = linesOutsideJson(file);
      if (raw.length > 0)
        report.anomalies.push(`${basename(file)}: ${raw.length} lines outside the JSON log`);
    }
    report.figures.storedCases = stored;
    report.figures.retriedOnOtherApi = client.retried;
    report.figures.replayedStarts = client.replayed;
    report.figures.seconds = Math.round((Date.now() - began) / 1000);
    log(`answers by status: ${JSON.stringify(Object.fromEntries(client.statuses))}`);
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

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
