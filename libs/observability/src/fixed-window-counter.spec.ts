import { FixedWindowCounter } from './fixed-window-counter.js';

describe('FixedWindowCounter', () => {
  it('allows the limit per key and window, then refuses with the time left', () => {
    const counter = new FixedWindowCounter(2, 1000);
    expect(counter.hit('a', 0).allowed).toBe(true);
    expect(counter.hit('a', 10).allowed).toBe(true);
    expect(counter.hit('a', 20)).toEqual({ allowed: false, retryAfterMs: 980 });
    // Another client is counted apart; a new window starts afresh.
    expect(counter.hit('b', 20).allowed).toBe(true);
    expect(counter.hit('a', 1000).allowed).toBe(true);
  });
});
