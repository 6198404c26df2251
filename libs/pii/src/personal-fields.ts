import type { FormField } from '@onevisit/definitions';
import { isCiphertext, type PiiKeyring } from './pii-keyring.js';

/** Field types that are personal data whatever the definition says. */
const PERSONAL_TYPES: readonly string[] = ['id-number', 'phone'];

export function isPersonalField(field: Pick<FormField, 'type' | 'personal'>): boolean {
  return field.personal === true || PERSONAL_TYPES.includes(field.type);
}

/** Keys of the personal fields of a (merged) form. */
export function personalKeysOf(
  form: readonly Pick<FormField, 'key' | 'type' | 'personal'>[],
): string[] {
  return form.filter(isPersonalField).map((field) => field.key);
}

/**
 * A copy of `answers` with the values of `keys` encrypted. Values are stored as JSON so
 * that a personal field of any type comes back with its type. Already encrypted values
 * are kept as they are.
 */
export function encryptAnswers<T extends Record<string, unknown>>(
  answers: T,
  keys: readonly string[],
  keyring: PiiKeyring,
): T {
  const copy: Record<string, unknown> = { ...answers };
  for (const key of keys) {
    const value = copy[key];
    if (value === undefined || value === null || isCiphertext(value)) continue;
    copy[key] = keyring.encrypt(JSON.stringify(value));
  }
  return copy as T;
}

/** A copy of `answers` with every encrypted value decrypted (no form needed). */
export function decryptAnswers<T extends Record<string, unknown>>(
  answers: T,
  keyring: PiiKeyring,
): T {
  const copy: Record<string, unknown> = { ...answers };
  for (const [key, value] of Object.entries(copy)) {
    if (isCiphertext(value)) copy[key] = JSON.parse(keyring.decrypt(value)) as unknown;
  }
  return copy as T;
}

/** A copy of `answers` with values under an old key encrypted again under the current one. */
export function reencryptAnswers<T extends Record<string, unknown>>(
  answers: T,
  keyring: PiiKeyring,
): { answers: T; changed: boolean } {
  let changed = false;
  const copy: Record<string, unknown> = { ...answers };
  for (const [key, value] of Object.entries(copy)) {
    if (isCiphertext(value) && keyring.needsRotation(value)) {
      copy[key] = keyring.encrypt(keyring.decrypt(value));
      changed = true;
    }
  }
  return { answers: copy as T, changed };
}
