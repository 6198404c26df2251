/**
 * `npm run bench`: ceilings measured in this run (raw PostgreSQL transactions of the
 * engine's shape, raw BullMQ no-op jobs), the peer (bpmn-engine in memory) and ours
 * (durable straight-through cases), then the ratios. Prints a table and writes
 * var/bench/latest.json.
 *
 * Environment: DATABASE_URL (a PostgreSQL server: the bench makes and drops its own
 * database there), REDIS_URL (default redis://127.0.0.1:6379), BENCH_CASES,
 * BENCH_WARMUP, BENCH_CONCURRENCY, BENCH_WORKERS, BENCH_ROUNDS.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureBpmnPeer } from './ceilings/bpmn-peer.js';
import { measureBullmqCeiling } from './ceilings/bullmq-ceiling.js';
import { measurePgCeiling } from './ceilings/pg-ceiling.js';
import { measureOurs, type OursResult } from './ours/engine-bench.js';
import { type BenchRound, type RatioSummary, type Spread, summariseRatios } from './rounds.js';
import { round } from './stats.js';
import { wholeNumber } from '../support/whole-number.js';

const TARGET_TRANSITIONS = 0.35;
const TARGET_CASES = 1.5;

function numberFrom(name: string, fallback: number): number {
  return wholeNumber(name, process.env[name], fallback);
}

interface Settings {
  pgUrl: string | undefined;
  redisUrl: string;
  /** Measured runs of each side: our cases and the peer's instances alike. */
  cases: number;
  /** Runs of each side before the measured ones, not counted. */
  warmup: number;
  concurrency: number;
  workers: number;
}

type Log = (message: string) => void;

/** One round: the peer, the ceilings and ours, measured back to back, with their ratios. */
async function measureRound(settings: Settings, log: Log): Promise<BenchRound> {
  const { pgUrl, redisUrl, cases, warmup, concurrency, workers } = settings;
  log(`peer: bpmn-engine in memory: ${cases} instances after ${warmup} not counted`);
  const peer = await measureBpmnPeer(cases, warmup);
  log('ceiling: raw BullMQ no-op jobs');
  const bullmq = await measureBullmqCeiling(redisUrl);
  log(pgUrl ? 'ceiling: raw PostgreSQL transactions' : 'no DATABASE_URL: PostgreSQL skipped');
  const postgres = pgUrl ? await measurePgCeiling(pgUrl) : null;
  const ours: OursResult[] = [];
  if (pgUrl) {
    log(
      `ours on PostgreSQL: ${cases} cases after ${warmup} not counted, ${concurrency} at once, ${workers} worker process(es)`,
    );
    ours.push(
      await measureOurs({ pgUrl, redisUrl, cases, warmupCases: warmup, concurrency, workers }),
    );
  }
  log(
    `ours on SQLite (embedded, one process): ${cases} cases after ${warmup} not counted, ${concurrency} at once`,
  );
  ours.push(await measureOurs({ redisUrl, cases, warmupCases: warmup, concurrency, workers: 0 }));

  const ratios = ours.map((result) => ({
    database: result.database,
    transitionsOverPgCeiling: postgres ? result.transitionsPerSecond / postgres.txPerSecond : null,
    casesOverPeer: result.casesPerSecond / peer.instancesPerSecond,
    jobsPerCaseSecondOverBullmq:
      (result.casesPerSecond * result.jobsPerCase) / bullmq.jobsPerSecond,
  }));
  return { ceilings: { postgres, bullmq }, peer: { bpmnEngine: peer }, ours, ratios };
}

async function main(): Promise<void> {
  const settings: Settings = {
    pgUrl: process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    // Both sides run the same count after the same warm-up: a run of a few seconds
    // measures the JIT and the filling connection pools more than the engine.
    cases: numberFrom('BENCH_CASES', 1500),
    warmup: numberFrom('BENCH_WARMUP', 300),
    concurrency: numberFrom('BENCH_CONCURRENCY', 40),
    workers: numberFrom('BENCH_WORKERS', 1),
  };
  // Several rounds, each measuring everything back to back: this machine's speed moves
  // from one minute to the next, so a ratio is only as good as its round, and the median
  // of several says more than any one.
  const rounds = numberFrom('BENCH_ROUNDS', 1);

  const log: Log = (message) => console.error(`bench: ${message}`);
  const measured: BenchRound[] = [];
  for (let index = 0; index < rounds; index++) {
    if (rounds > 1) log(`round ${index + 1} of ${rounds}`);
    measured.push(await measureRound(settings, log));
  }
  const { cases, warmup, concurrency, workers } = settings;
  const report = {
    at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: round(totalmem() / 2 ** 30),
      node: process.version,
      note: 'database, Redis, the bench and the workers share these cores',
    },
    settings: { cases, warmup, concurrency, workers, rounds },
    rounds: measured,
    ratioSummary: summariseRatios(measured),
    targets: { transitionsOverPgCeiling: TARGET_TRANSITIONS, casesOverPeer: TARGET_CASES },
  };
  const dir = join(process.cwd(), 'var', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  measured.forEach((result, index) => {
    if (rounds > 1) console.log(`\nround ${index + 1} of ${rounds}`);
    printTable(result);
  });
  if (rounds > 1) printSummary(report.ratioSummary);
  console.log(`\nwritten: var/bench/latest.json`);
}

function printTable(report: BenchRound): void {
  const rows: [string, string][] = [];
  const { postgres, bullmq } = report.ceilings;
  if (postgres)
    rows.push([
      'ceiling: PostgreSQL tx/s (UPDATE…WHERE version + INSERT, 20 clients)',
      `${round(postgres.txPerSecond)} (p99 ${round(postgres.p99Ms)} ms)`,
    ]);
  rows.push([
    'ceiling: BullMQ no-op jobs/s (1 worker, concurrency 50)',
    `${round(bullmq.jobsPerSecond)}`,
  ]);
  rows.push([
    'peer: bpmn-engine instances/s (in memory, 4 parallel service tasks)',
    `${round(report.peer.bpmnEngine.instancesPerSecond)}`,
  ]);
  for (const result of report.ours) {
    const tag = `ours (${result.database}${result.database === 'postgres' ? `, ${result.workers} worker process(es)` : ', embedded'})`;
    rows.push([`${tag}: cases/s, start → delivered`, `${round(result.casesPerSecond)}`]);
    rows.push([
      `${tag}: transitions/s`,
      `${round(result.transitionsPerSecond)} (${result.transitions} in all)`,
    ]);
    rows.push([
      `${tag}: command → committed, p50 / p99 ms`,
      `${round(result.commandP50Ms)} / ${round(result.commandP99Ms)}`,
    ]);
    rows.push([
      `${tag}: case start → ready for delivery, p50 / p99 ms`,
      `${round(result.caseP50Ms)} / ${round(result.caseP99Ms)}`,
    ]);
    rows.push([
      `${tag}: outbox → queue (relay lag), p50 / p99 ms`,
      `${round(result.relayLagP50Ms)} / ${round(result.relayLagP99Ms)}`,
    ]);
    rows.push([
      `${tag}: queue jobs per case (texts, supervision batched)`,
      `${round(result.jobsPerCase, 2)}`,
    ]);
    rows.push([
      `${tag}: queue → worker (identity checks), p50 / p99 ms`,
      `${round(result.queueWaitP50Ms)} / ${round(result.queueWaitP99Ms)}`,
    ]);
    const { api, workers } = result.cpuMsPerCase;
    rows.push([
      `${tag}: CPU ms per case, ${workers === null ? 'this process' : 'API role / workers'}`,
      workers === null ? `${round(api)}` : `${round(api)} / ${round(workers)}`,
    ]);
    if (result.serverCpuMsPerCase) {
      const { postgres, redis } = result.serverCpuMsPerCase;
      rows.push([
        `${tag}: CPU ms per case, all PostgreSQL / Redis processes`,
        `${round(postgres)} / ${round(redis)}`,
      ]);
    }
  }
  for (const ratio of report.ratios) {
    if (ratio.transitionsOverPgCeiling !== null)
      rows.push([
        `ratio (${ratio.database}): transitions/s ÷ PostgreSQL ceiling (target ≥ ${TARGET_TRANSITIONS})`,
        `${round(ratio.transitionsOverPgCeiling, 3)}`,
      ]);
    rows.push([
      `ratio (${ratio.database}): cases/s ÷ bpmn-engine instances/s (target ≥ ${TARGET_CASES})`,
      `${round(ratio.casesOverPeer, 3)}`,
    ]);
  }
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, value] of rows) console.log(`${name.padEnd(width)}  ${value}`);
}

function printSummary(summary: RatioSummary[]): void {
  const spread = ({ median, low, high }: Spread) =>
    `${round(median, 3)} (${round(low, 3)}–${round(high, 3)})`;
  console.log(`\nratios over ${summary[0]?.rounds ?? 0} rounds: median (lowest–highest)`);
  for (const ratio of summary) {
    if (ratio.transitionsOverPgCeiling)
      console.log(
        `  ${ratio.database}: transitions/s ÷ PostgreSQL ceiling ${spread(ratio.transitionsOverPgCeiling)}, target ≥ ${TARGET_TRANSITIONS}`,
      );
    console.log(
      `  ${ratio.database}: cases/s ÷ bpmn-engine ${spread(ratio.casesOverPeer)}, target ≥ ${TARGET_CASES}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
