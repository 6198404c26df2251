import { randomIv } from './random-iv.js';

describe('randomIv', () => {
  it('never hands out the same bytes twice, across refills of its block', () => {
    // 4096-byte blocks: 2,000 IVs of 12 bytes span several refills.
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const iv = randomIv(12);
      expect(iv).toHaveLength(12);
      seen.add(iv.toString('hex'));
    }
    expect(seen.size).toBe(2000);
  });

  it('gives each caller a copy: changing one IV changes no other', () => {
    const first = randomIv(12);
    const second = randomIv(12);
    const secondBefore = Buffer.from(second);
    first.fill(0);
    expect(second.equals(secondBefore)).toBe(true);
    // Nor the block the next IVs are cut from.
    const third = randomIv(12);
    expect(third.equals(Buffer.alloc(12))).toBe(false);
  });

  it('refuses sizes it cannot serve', () => {
    expect(() => randomIv(0)).toThrow(RangeError);
    expect(() => randomIv(5000)).toThrow(RangeError);
    expect(() => randomIv(1.5)).toThrow(RangeError);
  });
});
