/** The figures of one bench round, and the spread of the ratios over several rounds. */
import type { BpmnPeer } from './ceilings/bpmn-peer.js';
import type { BullmqCeiling } from './ceilings/bullmq-ceiling.js';
import type { PgCeiling } from './ceilings/pg-ceiling.js';
import type { OursResult } from './ours/engine-bench.js';

export interface RoundRatios {
  database: string;
  transitionsOverPgCeiling: number | null;
  casesOverPeer: number;
  jobsPerCaseSecondOverBullmq: number;
}

export interface BenchRound {
  ceilings: { postgres: PgCeiling | null; bullmq: BullmqCeiling };
  peer: { bpmnEngine: BpmnPeer };
  ours: OursResult[];
  ratios: RoundRatios[];
}

export interface Spread {
  median: number;
  low: number;
  high: number;
}

export interface RatioSummary {
  database: string;
  rounds: number;
  transitionsOverPgCeiling: Spread | null;
  casesOverPeer: Spread;
}

export function spreadOf(values: number[]): Spread {
  if (values.length === 0) throw new RangeError('no values to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, low: sorted[0], high: sorted[sorted.length - 1] };
}

/** Per database, the median, lowest and highest of each ratio over the rounds. */
export function summariseRatios(rounds: BenchRound[]): RatioSummary[] {
  const databases = [...new Set(rounds.flatMap((round) => round.ratios.map((r) => r.database)))];
  return databases.map((database) => {
    const ratios = rounds.flatMap((round) => round.ratios.filter((r) => r.database === database));
    const overCeiling = ratios
      .map((r) => r.transitionsOverPgCeiling)
      .filter((value): value is number => value !== null);
    return {
      database,
      rounds: ratios.length,
      transitionsOverPgCeiling: overCeiling.length > 0 ? spreadOf(overCeiling) : null,
      casesOverPeer: spreadOf(ratios.map((r) => r.casesOverPeer)),
    };
  });
}
