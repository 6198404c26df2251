import type { Identity } from './identity.js';

/** Longest a verified token is trusted without checking its signature again. */
const MAX_TRUST_MS = 5 * 60_000;

interface Entry {
  identity: Identity;
  /** Epoch ms after which the entry is not used: the token's expiry, or sooner. */
  until: number;
}

/**
 * Identities of tokens already verified, keyed by the whole token string: a client
 * sends the same bearer on every request, and checking its HMAC (or RSA) signature each
 * time was a noticeable share of the API's CPU on the hot reads. Only a byte-for-byte
 * identical token can hit, and only before its `exp`; entries are also re-verified after
 * a few minutes (a provider key withdrawn from its JWKS stops being trusted soon).
 * Refusals are never cached. Bounded: the oldest entry makes room for a new one.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 10_000) {}

  get(token: string, now = Date.now()): Identity | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (now < entry.until) return entry.identity;
    this.entries.delete(token);
    return undefined;
  }

  /** `expiresAt`: the token's `exp` in epoch seconds; a token without one is not kept. */
  set(token: string, identity: Identity, expiresAt: number | undefined, now = Date.now()): void {
    if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return;
    const until = Math.min(expiresAt * 1000, now + MAX_TRUST_MS);
    if (until <= now) return;
    if (this.entries.size >= this.capacity && !this.entries.has(token)) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { identity: freezeIdentity(identity), until });
  }

  get size(): number {
    return this.entries.size;
  }
}

/** One identity object serves many requests: nobody may change it under the others. */
function freezeIdentity(identity: Identity): Identity {
  Object.freeze(identity.roles);
  return Object.freeze(identity);
}
