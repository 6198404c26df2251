/**
 * The electronic seal (电子印章) of a licence: an Ed25519 signature by the issuing
 * department over the licence's canonical content, written as base64url.
 */
import { createPrivateKey, sign, verify, type KeyObject } from 'node:crypto';
import { toEd25519PublicKey } from './department-keys.js';
import { canonicalLicenceContent, type LicenceContent } from './licence-content.js';

/** An Ed25519 signature is 64 bytes: 86 base64url characters without padding. */
const SEAL_FORMAT = /^[A-Za-z0-9_-]{86}$/;

export function sealLicence(content: LicenceContent, privateKey: string | KeyObject): string {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('a licence is sealed with an Ed25519 private key');
  }
  // Ed25519 hashes internally: the algorithm argument must be null.
  return sign(null, Buffer.from(canonicalLicenceContent(content), 'utf8'), key).toString(
    'base64url',
  );
}

/**
 * True only when `seal` is the issuing key's signature over exactly this content. A
 * malformed seal or a key that is not an Ed25519 public key verifies as false: the caller
 * asks "is this genuine?", and the answer to anything unreadable is no.
 */
export function verifyLicenceSeal(
  content: LicenceContent,
  seal: string,
  publicKey: string | KeyObject,
): boolean {
  // Buffer.from(…, 'base64url') skips characters it does not know; check the shape first.
  if (!SEAL_FORMAT.test(seal)) return false;
  let key: KeyObject;
  try {
    key = toEd25519PublicKey(publicKey);
  } catch {
    return false;
  }
  return verify(
    null,
    Buffer.from(canonicalLicenceContent(content), 'utf8'),
    key,
    Buffer.from(seal, 'base64url'),
  );
}
