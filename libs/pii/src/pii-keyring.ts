import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { randomIv } from './random-iv.js';

/** Prefix of every value this module encrypted: `enc:v1:<keyId>:<base64url(iv|tag|ciphertext)>`. */
export const CIPHERTEXT_PREFIX = 'enc:v1:';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface PiiKey {
  id: string;
  /** 32 bytes for AES-256-GCM. */
  key: Buffer;
}

export class PiiKeyError extends Error {
  override name = 'PiiKeyError';
}

/**
 * Encryption keys for personal data (AES-256-GCM) and the separate key of the keyed hash
 * (HMAC-SHA256) used for exact lookups. The first key encrypts; every listed key
 * decrypts, so keys can be rotated without rewriting rows first.
 */
export class PiiKeyring {
  private readonly byId: Map<string, Buffer>;

  constructor(
    readonly keys: readonly PiiKey[],
    private readonly hashKey: Buffer,
  ) {
    if (keys.length === 0) throw new PiiKeyError('at least one encryption key is required');
    for (const { id, key } of keys) {
      if (!/^[\w-]+$/.test(id))
        throw new PiiKeyError(`key id ${id} may use letters, digits, _ and - only`);
      if (key.length !== KEY_BYTES) throw new PiiKeyError(`key ${id} must be ${KEY_BYTES} bytes`);
    }
    if (hashKey.length < KEY_BYTES)
      throw new PiiKeyError(`the hash key must be at least ${KEY_BYTES} bytes`);
    this.byId = new Map(keys.map(({ id, key }) => [id, key]));
    if (this.byId.size !== keys.length) throw new PiiKeyError('key ids must be unique');
  }

  get currentKeyId(): string {
    return this.keys[0].id;
  }

  encrypt(plaintext: string): string {
    const { id, key } = this.keys[0];
    const iv = randomIv(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The key id is bound as associated data: a value cannot be relabelled to another key.
    cipher.setAAD(Buffer.from(id));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    return `${CIPHERTEXT_PREFIX}${id}:${sealed}`;
  }

  decrypt(value: string): string {
    const parsed = parseCiphertext(value);
    if (!parsed) throw new PiiKeyError('not a ciphertext of this format');
    const key = this.byId.get(parsed.keyId);
    if (!key) throw new PiiKeyError(`unknown key id ${parsed.keyId}`);
    const raw = Buffer.from(parsed.body, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new PiiKeyError('ciphertext is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(parsed.keyId));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new PiiKeyError('ciphertext failed authentication');
    }
  }

  /** True when the value is a ciphertext made with a key other than the current one. */
  needsRotation(value: string): boolean {
    const parsed = parseCiphertext(value);
    return parsed !== null && parsed.keyId !== this.currentKeyId;
  }

  /** Keyed hash for exact lookup: the same input always gives the same hex digest. */
  hash(plaintext: string): string {
    return createHmac('sha256', this.hashKey).update(plaintext, 'utf8').digest('hex');
  }

  /** A fresh random key, base64 encoded, for `PII_KEYS` / `PII_HASH_KEY`. */
  static generateKey(): string {
    return randomBytes(KEY_BYTES).toString('base64');
  }
}

export function isCiphertext(value: unknown): value is string {
  return typeof value === 'string' && parseCiphertext(value) !== null;
}

function parseCiphertext(value: string): { keyId: string; body: string } | null {
  if (!value.startsWith(CIPHERTEXT_PREFIX)) return null;
  const rest = value.slice(CIPHERTEXT_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0) return null;
  return { keyId: rest.slice(0, colon), body: rest.slice(colon + 1) };
}
