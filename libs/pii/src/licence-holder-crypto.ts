import type { LicenceEntity } from '@onevisit/persistence';
import { isCiphertext, type PiiKeyring } from './pii-keyring.js';

/**
 * The licence register holds the holder's ID number, which is personal data (个人信息):
 * stored rows carry it encrypted under the PII keyring, in the holder column and inside
 * the sealed content alike, and `holder_id` keeps only a keyed hash for "the licences I
 * hold". The seal covers the plaintext content, so seals are checked on opened rows.
 *
 * Credit codes of enterprises are public registration data and stay readable.
 */
type Holder = LicenceEntity['holder'];
type StoredParts = Pick<LicenceEntity, 'holder' | 'holderId' | 'content'>;

/** The lookup key stored in `holder_id` for an ID number or credit code. */
export function licenceHolderKey(keyring: PiiKeyring, holderIdentifier: string): string {
  return keyring.hash(holderIdentifier);
}

/** The row as stored: ID numbers encrypted (those already encrypted kept), `holderId` hashed. */
export function sealLicenceRow<Row extends StoredParts>(keyring: PiiKeyring, row: Row): Row {
  const plainHolder = openHolder(keyring, row.holder);
  return {
    ...row,
    holder: sealHolder(keyring, row.holder),
    holderId: licenceHolderKey(keyring, identifierOf(plainHolder)),
    content: { ...row.content, holder: sealHolder(keyring, row.content.holder) },
  };
}

/** The row as read: ID numbers in clear, for the seal check and for the holder. */
export function openLicenceRow<Row extends StoredParts>(keyring: PiiKeyring, row: Row): Row {
  return {
    ...row,
    holder: openHolder(keyring, row.holder),
    content: { ...row.content, holder: openHolder(keyring, row.content.holder) },
  };
}

/**
 * The stored parts re-encrypted under the current key, or null when nothing needs it.
 * Rows written before encryption (plaintext ID number and `holder_id`) are encrypted too.
 */
export function rotateLicenceRow(keyring: PiiKeyring, row: StoredParts): StoredParts | null {
  const stale = (holder: Holder): boolean =>
    holder.idNumber !== undefined &&
    (!isCiphertext(holder.idNumber) || keyring.needsRotation(holder.idNumber));
  const opened = openLicenceRow(keyring, row);
  const holderId = licenceHolderKey(keyring, identifierOf(opened.holder));
  if (!stale(row.holder) && !stale(row.content.holder) && row.holderId === holderId) return null;
  // Encrypting the opened row re-encrypts every ID number under the current key.
  const sealed = sealLicenceRow(keyring, opened);
  return { holder: sealed.holder, holderId: sealed.holderId, content: sealed.content };
}

function identifierOf(holder: Holder): string {
  return holder.idNumber ?? holder.creditCode;
}

function sealHolder(keyring: PiiKeyring, holder: Holder): Holder {
  if (holder.idNumber === undefined || isCiphertext(holder.idNumber)) return holder;
  return { name: holder.name, idNumber: keyring.encrypt(holder.idNumber) };
}

function openHolder(keyring: PiiKeyring, holder: Holder): Holder {
  if (holder.idNumber === undefined || !isCiphertext(holder.idNumber)) return holder;
  return { name: holder.name, idNumber: keyring.decrypt(holder.idNumber) };
}
