import type { BenchRound, RoundRatios } from './rounds.js';
import { spreadOf, summariseRatios } from './rounds.js';

function roundWith(ratios: RoundRatios[]): BenchRound {
  // Only the ratios matter to the summary; the figures behind them are not read.
  return { ratios } as BenchRound;
}

const ratio = (
  database: string,
  transitionsOverPgCeiling: number | null,
  casesOverPeer: number,
): RoundRatios => ({
  database,
  transitionsOverPgCeiling,
  casesOverPeer,
  jobsPerCaseSecondOverBullmq: 0,
});

describe('bench rounds', () => {
  it('takes the middle value of an odd count and the mean of the two middle ones of an even one', () => {
    expect(spreadOf([3, 1, 2])).toEqual({ median: 2, low: 1, high: 3 });
    expect(spreadOf([0.4, 0.1, 0.3, 0.2])).toEqual({ median: 0.25, low: 0.1, high: 0.4 });
    expect(spreadOf([7])).toEqual({ median: 7, low: 7, high: 7 });
  });

  it('refuses to summarise nothing', () => {
    expect(() => spreadOf([])).toThrow(RangeError);
  });

  it('summarises each database over the rounds, leaving out a ceiling ratio it never had', () => {
    const summary = summariseRatios([
      roundWith([ratio('postgres', 0.1, 0.7), ratio('sqlite', 0.16, 1.2)]),
      roundWith([ratio('postgres', 0.12, 0.66), ratio('sqlite', 0.14, 1.0)]),
      roundWith([ratio('postgres', 0.11, 0.71), ratio('sqlite', 0.17, 1.1)]),
    ]);
    expect(summary).toEqual([
      {
        database: 'postgres',
        rounds: 3,
        transitionsOverPgCeiling: { median: 0.11, low: 0.1, high: 0.12 },
        casesOverPeer: { median: 0.7, low: 0.66, high: 0.71 },
      },
      {
        database: 'sqlite',
        rounds: 3,
        transitionsOverPgCeiling: { median: 0.16, low: 0.14, high: 0.17 },
        casesOverPeer: { median: 1.1, low: 1.0, high: 1.2 },
      },
    ]);
    // Without a PostgreSQL server there is no ceiling to divide by.
    const sqliteOnly = summariseRatios([roundWith([ratio('sqlite', null, 1.3)])]);
    expect(sqliteOnly[0]?.transitionsOverPgCeiling).toBeNull();
  });
});
