import { CaseEventRejected, StaleCaseVersion } from '@onevisit/engine';
import { isEventRejected, isStaleVersion, jitterMs } from './case-outcome.js';

describe('case outcomes for jobs', () => {
  it('tells a lost race from a case that moved on', () => {
    const stale = new StaleCaseVersion('c', 2);
    const rejected = new CaseEventRejected('ACCEPT', 'done', []);
    expect(isStaleVersion(stale)).toBe(true);
    expect(isStaleVersion(rejected)).toBe(false);
    expect(isEventRejected(rejected)).toBe(true);
    expect(isEventRejected(stale)).toBe(false);
  });

  it('pauses a random while between half and all of a ceiling that doubles up to 50 ms', () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const ceiling = Math.min(50, 2 ** attempt);
      for (let i = 0; i < 50; i++) {
        const ms = jitterMs(attempt);
        expect(ms).toBeGreaterThanOrEqual(ceiling / 2);
        expect(ms).toBeLessThanOrEqual(ceiling);
      }
    }
  });
});
