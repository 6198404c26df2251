import { VerifiedTokenCache } from './verified-token-cache.js';
import type { Identity } from './identity.js';

const identity = (sub: string): Identity => ({ sub, name: sub, roles: ['applicant'] });
const NOW = 1_800_000_000_000;
const inSeconds = (seconds: number) => NOW / 1000 + seconds;

describe('verified token cache', () => {
  it('answers a token it verified, until its exp', () => {
    const cache = new VerifiedTokenCache();
    cache.set('t1', identity('a'), inSeconds(60), NOW);
    expect(cache.get('t1', NOW + 59_000)).toEqual(identity('a'));
    expect(cache.get('t1', NOW + 60_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('trusts a long-lived token a few minutes at most before checking it again', () => {
    const cache = new VerifiedTokenCache();
    cache.set('t1', identity('a'), inSeconds(8 * 3600), NOW);
    expect(cache.get('t1', NOW + 4 * 60_000)).toBeDefined();
    expect(cache.get('t1', NOW + 6 * 60_000)).toBeUndefined();
  });

  it('keeps nothing without exp or already expired, and only the exact token string', () => {
    const cache = new VerifiedTokenCache();
    cache.set('no-exp', identity('a'), undefined, NOW);
    cache.set('expired', identity('a'), inSeconds(-1), NOW);
    cache.set('t1', identity('a'), inSeconds(60), NOW);
    expect(cache.get('no-exp', NOW)).toBeUndefined();
    expect(cache.get('expired', NOW)).toBeUndefined();
    expect(cache.get('t1 ', NOW)).toBeUndefined();
    expect(cache.get('T1', NOW)).toBeUndefined();
  });

  it('is bounded: the oldest entry makes room', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('t1', identity('a'), inSeconds(60), NOW);
    cache.set('t2', identity('b'), inSeconds(60), NOW);
    cache.set('t3', identity('c'), inSeconds(60), NOW);
    expect(cache.size).toBe(2);
    expect(cache.get('t1', NOW)).toBeUndefined();
    expect(cache.get('t3', NOW)?.sub).toBe('c');
  });

  it('hands out identities nobody can change under other requests', () => {
    const cache = new VerifiedTokenCache();
    cache.set('t1', identity('a'), inSeconds(60), NOW);
    const shared = cache.get('t1', NOW)!;
    expect(Object.isFrozen(shared)).toBe(true);
    expect(Object.isFrozen(shared.roles)).toBe(true);
  });
});
