import { RepeatedWarnings } from './repeated-warnings.js';

describe('RepeatedWarnings', () => {
  it('writes the first of a burst, then one line per quiet period with the count it held back', () => {
    const warnings = new RepeatedWarnings(1000);
    expect(warnings.note('refused', 0)).toEqual({ write: true, unwritten: 0, burstMs: 0 });
    expect(warnings.note('refused', 200).write).toBe(false);
    expect(warnings.note('refused', 900).write).toBe(false);
    // The quiet period is over while the burst goes on: one line, saying two were held back.
    expect(warnings.note('refused', 1000)).toEqual({ write: true, unwritten: 2, burstMs: 1000 });
    expect(warnings.note('refused', 1500).write).toBe(false);
  });

  it('counts each kind apart', () => {
    const warnings = new RepeatedWarnings(1000);
    expect(warnings.note('refused', 0).write).toBe(true);
    expect(warnings.note('timed out', 10).write).toBe(true);
    expect(warnings.note('refused', 20).write).toBe(false);
  });

  it('starts a new burst after a quiet period without the warning', () => {
    const warnings = new RepeatedWarnings(1000);
    warnings.note('refused', 0);
    warnings.note('refused', 100);
    // Redis came back for a while, then went again: written at once, as a new burst.
    expect(warnings.note('refused', 5000)).toEqual({ write: true, unwritten: 0, burstMs: 0 });
  });
});
