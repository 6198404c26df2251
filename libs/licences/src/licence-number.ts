import { calendarDateOf, isIsoDate } from '@onevisit/calendar';

const PREFIX = /^[A-Z0-9]{1,16}$/;
const MAX_SEQUENCE = 999_999;

/**
 * A readable licence number: `PREFIX-YYYYMMDD-NNNNNN`, e.g. `JY-20250103-000042`.
 * The date is the issue date in Asia/Shanghai; the sequence is the issuer's running
 * number for that prefix and day, zero-padded so that numbers sort as text.
 */
export function licenceNumber(prefix: string, date: Date | string, sequence: number): string {
  const code = prefix.trim().toUpperCase();
  if (!PREFIX.test(code))
    throw new RangeError(`licence number prefix must be 1–16 letters or digits, got "${prefix}"`);
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    throw new RangeError(
      `licence sequence must be a whole number from 1 to ${MAX_SEQUENCE}, got ${sequence}`,
    );
  }
  const day = typeof date === 'string' ? date : calendarDateOf(date);
  if (!isIsoDate(day)) throw new RangeError(`licence date must be YYYY-MM-DD, got "${day}"`);
  return `${code}-${day.replaceAll('-', '')}-${String(sequence).padStart(6, '0')}`;
}
