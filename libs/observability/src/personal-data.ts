import { maskIdNumber, maskPhone } from '@onevisit/integrations';

/** Keys whose values are personal identifiers (answer fields such as `applicantIdNumber`). */
const ID_KEY = /idnumber$|idcard$|creditcode$/i;
const PHONE_KEY = /phone$|mobile$/i;
const SECRET_KEY = /^(authorization|cookie|set-cookie|password|secret|token)$/i;

/** Resident ID numbers (18 characters) and mainland mobile numbers inside free text. */
const ID_IN_TEXT = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const PHONE_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/** Masks ID and phone numbers that appear inside a message. */
export function maskText(text: string): string {
  return text.replace(ID_IN_TEXT, maskIdNumber).replace(PHONE_IN_TEXT, maskPhone);
}

/**
 * A copy of `value` fit for a log line: identifiers masked by key name and inside text,
 * secrets removed. Depth-limited, and cycles are cut, so logging never throws.
 */
export function maskPersonalData(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  if (value instanceof Error) {
    return {
      name: value.name,
      message: maskText(value.message),
      stack: value.stack && maskText(value.stack),
    };
  }
  if (value instanceof Date) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (SECRET_KEY.test(key)) copy[key] = '[redacted]';
    else if (typeof item === 'string' && ID_KEY.test(key)) copy[key] = maskIdNumber(item);
    else if (typeof item === 'string' && PHONE_KEY.test(key)) copy[key] = maskPhone(item);
    else copy[key] = maskPersonalData(item, depth + 1, seen);
  }
  return copy;
}
