/**
 * Checks of the identifiers applicants type into forms. Each returns the reason an
 * already-normalised value is invalid, or undefined when it is valid.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `YYYY-MM-DD` names a day that exists (no 2025-02-29, no 2025-04-31). */
export function isRealDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (monthDays[month - 1] ?? 0);
}

// GB 11643-1999 (公民身份号码): weight of position i is 2^(17-i) mod 11; the check
// character is indexed by the weighted sum mod 11.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARACTERS = '10X98765432';

/** 18-character resident ID number: area code, birth date, sequence, check character. */
export function residentIdNumberProblem(value: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(value)) {
    return 'must be an 18-character resident ID number: 17 digits then a digit or X';
  }
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isRealDate(birth)) {
    return `has an impossible birth date (${birth}) in a resident ID number`;
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(value[i]) * (ID_WEIGHTS[i] ?? 0);
  if (ID_CHECK_CHARACTERS[sum % 11] !== value[17]) {
    return 'is not a valid resident ID number: its check character does not match (GB 11643)';
  }
  return undefined;
}

// GB 32100-2015 (统一社会信用代码): 31 characters (digits and capitals without I, O, Z,
// S, V); weight of position i is 3^i mod 31; check value = 31 − (sum mod 31), 31 → 0.
const CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** 18-character unified social credit code of an enterprise or organisation. */
export function creditCodeProblem(value: string): string | undefined {
  if (!CODE_SHAPE.test(value)) {
    return 'must be an 18-character unified social credit code (digits and capital letters except I, O, S, V, Z; characters 3–8 digits)';
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1)
    sum += CODE_CHARACTERS.indexOf(value[i] ?? '') * (CODE_WEIGHTS[i] ?? 0);
  const check = (31 - (sum % 31)) % 31;
  if (CODE_CHARACTERS[check] !== value[17]) {
    return 'is not a valid unified social credit code: its check character does not match (GB 32100)';
  }
  return undefined;
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export function mobilePhoneProblem(value: string): string | undefined {
  return /^1[3-9]\d{9}$/.test(value)
    ? undefined
    : 'must be a mainland mobile number: 11 digits starting with 13–19';
}
