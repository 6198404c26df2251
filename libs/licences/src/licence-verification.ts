import type { KeyObject } from 'node:crypto';
import { calendarDateOf } from '@onevisit/calendar';
import type { LicenceContent } from './licence-content.js';
import { verifyLicenceSeal } from './licence-seal.js';

/**
 * What the public verification endpoint answers. The seal is checked first: a licence
 * whose content or seal was tampered with is `forged` whatever else is true of it.
 * A genuine licence not yet in force (validFrom in the future) reports `valid`: its seal
 * is sound, and the dates are printed on it.
 */
export type LicenceVerification = 'valid' | 'revoked' | 'forged' | 'expired';

export function verificationResult(
  licence: LicenceContent,
  seal: string,
  publicKey: string | KeyObject,
  revokedAt: Date | string | null | undefined,
  now: Date = new Date(),
): LicenceVerification {
  if (!verifyLicenceSeal(licence, seal, publicKey)) return 'forged';
  // Revocation (e.g. after a false pledge) is recorded when it happens: any record counts.
  if (revokedAt !== null && revokedAt !== undefined) return 'revoked';
  // validUntil is the last day of validity, inclusive, as a date in Beijing.
  if (licence.validUntil !== null && calendarDateOf(now) > licence.validUntil) return 'expired';
  return 'valid';
}
