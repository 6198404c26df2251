import type { FieldType } from '@onevisit/definitions';

/**
 * Masking of personal values shown to people who do not need them in full: enough to
 * recognise one's own data, not enough to misuse someone else's.
 */
export function maskValue(value: unknown, type: FieldType): string {
  const text = typeof value === 'string' ? value.trim() : (JSON.stringify(value) ?? '');
  if (type === 'id-number' || type === 'phone') {
    // 11010519491231002X → 110***********002X; 13800138000 → 138****8000.
    if (text.length <= 7) return '*'.repeat(text.length);
    return `${text.slice(0, 3)}${'*'.repeat(text.length - 7)}${text.slice(-4)}`;
  }
  // Names, addresses and the rest: the first character only.
  const chars = [...text];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** Mainland resident ID numbers (18 characters) anywhere in a text. */
const ID_NUMBER_PATTERN = /(?<![\dA-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![\dA-Za-z])/g;
/** Mainland mobile numbers. */
const MOBILE_PATTERN = /(?<!\d)(1\d{2})(\d{4})(\d{4})(?!\d)/g;

/** A text (a log line, a message) with ID and mobile numbers masked. */
export function redactPersonalText(text: string): string {
  return text
    .replace(
      ID_NUMBER_PATTERN,
      (_m, head: string, _birth: string, tail: string) =>
        `${head.slice(0, 3)}${'*'.repeat(11)}${tail}`,
    )
    .replace(
      MOBILE_PATTERN,
      (_m, head: string, _mid: string, tail: string) => `${head}****${tail}`,
    );
}
