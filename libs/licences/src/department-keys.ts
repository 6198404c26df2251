/**
 * Seal keys: one Ed25519 key pair per issuing department. Keys travel as PEM text
 * (PKCS#8 private, SPKI public) so they can sit in configuration or a key table.
 */
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface DepartmentKeyPair {
  /** SPKI PEM: published, used by anyone to verify. */
  publicKey: string;
  /** PKCS#8 PEM: kept by the department's sealing service only. */
  privateKey: string;
  /** `keyFingerprint(publicKey)`, to record which key sealed a licence. */
  fingerprint: string;
}

export function generateDepartmentKeyPair(): DepartmentKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKey, privateKey, fingerprint: keyFingerprint(publicKey) };
}

/**
 * SHA-256 (hex) of the public key's DER SPKI encoding: independent of PEM line breaks,
 * so the same key always has the same fingerprint.
 */
export function keyFingerprint(publicKey: string | KeyObject): string {
  const key = toEd25519PublicKey(publicKey);
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** Parses a public key and insists on Ed25519: the seal format allows no other. */
export function toEd25519PublicKey(publicKey: string | KeyObject): KeyObject {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  if (key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(
      `expected an Ed25519 public key, got ${key.type} ${key.asymmetricKeyType ?? 'key'}`,
    );
  }
  return key;
}
