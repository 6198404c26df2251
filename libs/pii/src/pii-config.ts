import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type PiiKey, PiiKeyError, PiiKeyring } from './pii-keyring.js';

/** The file the embedded default keeps its generated keys in (beside the JWT secret). */
export const EMBEDDED_PII_KEYS_FILE = 'pii-keys.json';

interface KeyFile {
  keys: string;
  hashKey: string;
}

/**
 * Keys from the environment: `PII_KEYS` = `keyId:base64key[,keyId:base64key…]` (the first
 * one encrypts, all decrypt) and `PII_HASH_KEY` (base64, ≥ 32 bytes) for the keyed hash.
 * When neither is set (the embedded default) keys are generated once under `varDir`.
 * Setting one without the other is a configuration error: a hash key that changed
 * silently would break every lookup.
 */
export function loadPiiKeyring(
  env: Record<string, string | undefined>,
  varDir: string,
): PiiKeyring {
  const keys = env.PII_KEYS?.trim();
  const hashKey = env.PII_HASH_KEY?.trim();
  if (keys && hashKey) return keyringOf(keys, hashKey);
  if (keys || hashKey) {
    throw new PiiKeyError(
      'PII_KEYS and PII_HASH_KEY must be set together (or neither, for the embedded default)',
    );
  }
  const stored = embeddedKeys(varDir);
  return keyringOf(stored.keys, stored.hashKey);
}

/** Parses `keyId:base64key,…` and the hash key; throws `PiiKeyError` naming the bad part. */
export function keyringOf(keys: string, hashKey: string): PiiKeyring {
  const parsed: PiiKey[] = keys
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon <= 0) throw new PiiKeyError('PII_KEYS entries must look like keyId:base64key');
      return { id: entry.slice(0, colon), key: Buffer.from(entry.slice(colon + 1), 'base64') };
    });
  return new PiiKeyring(parsed, Buffer.from(hashKey, 'base64'));
}

function embeddedKeys(varDir: string): KeyFile {
  const file = join(varDir, EMBEDDED_PII_KEYS_FILE);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  mkdirSync(varDir, { recursive: true });
  const generated: KeyFile = {
    keys: `k1:${PiiKeyring.generateKey()}`,
    hashKey: PiiKeyring.generateKey(),
  };
  writeFileSync(file, `${JSON.stringify(generated, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return generated;
}
