/**
 * Pure rules for what goes on a new licence besides its seal: the holder taken from the
 * case's form answers, the validity dates, the number prefix of a licence type.
 */
import { addCalendarDays, assertIsoDate } from '@onevisit/calendar';
import type { LicenceHolder } from './licence-content.js';

type AnswerValue = string | number | boolean | null | string[];

/** Form keys, in order of preference, that name an enterprise and carry its credit code. */
const ENTERPRISE_NAME_KEYS = ['companyName', 'enterpriseName'];
const CREDIT_CODE_KEYS = ['creditCode', 'companyCreditCode', 'employerCreditCode'];

/**
 * The holder of a licence issued in a case: the enterprise when the answers name one
 * with its unified social credit code, otherwise the applicant with their ID number.
 * Returns null when the answers have neither (the caller cannot issue).
 */
export function licenceHolderFromAnswers(
  answers: Record<string, AnswerValue>,
): LicenceHolder | null {
  const text = (keys: string[]): string | undefined =>
    keys
      .map((key) => answers[key])
      .find((value): value is string => typeof value === 'string' && value.trim() !== '')
      ?.trim();
  const enterprise = text(ENTERPRISE_NAME_KEYS);
  const creditCode = text(CREDIT_CODE_KEYS);
  if (enterprise && creditCode) return { name: enterprise, creditCode };
  const name = text(['applicantName']);
  const idNumber = text(['applicantIdNumber']);
  if (name && idNumber) return { name, idNumber };
  return null;
}

/** The identifier a holder is found by: ID number or credit code. */
export function holderIdOf(holder: LicenceHolder): string {
  return holder.idNumber ?? holder.creditCode;
}

/**
 * Last day of validity for a licence valid `years` from `validFrom` (both `YYYY-MM-DD`):
 * the day before the same date `years` later, so five years from 2025-01-03 ends on
 * 2030-01-02. A 29 February start counts from 1 March in a common year.
 */
export function validUntilOf(validFrom: string, years: number | undefined): string | null {
  assertIsoDate(validFrom);
  if (years === undefined) return null;
  if (!Number.isInteger(years) || years < 1) {
    throw new RangeError(`validity must be a whole number of years ≥ 1, got ${years}`);
  }
  const [year, month, day] = validFrom.split('-').map(Number) as [number, number, number];
  // Date.UTC rolls 29 Feb of a common year over to 1 March, which is the rule wanted.
  const anniversary = new Date(Date.UTC(year + years, month - 1, day)).toISOString().slice(0, 10);
  return addCalendarDays(anniversary, -1);
}

/**
 * Number prefix of a licence type: the initials of its code's words, e.g.
 * `food-operation-licence` → `FOL`. Stable, so numbers of one type sort together.
 */
export function licencePrefixOf(typeCode: string): string {
  const initials = typeCode
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.charAt(0).toUpperCase())
    .join('');
  return (initials || 'L').slice(0, 16);
}
