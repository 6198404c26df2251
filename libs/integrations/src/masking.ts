/**
 * Masking of personal data for logs and public answers: enough left to recognise one's
 * own data, not enough to misuse someone else's.
 */

/** `13800138000` → `138****8000`. */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length <= 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** `11010519491231002X` → `110***********002X`. */
export function maskIdNumber(id: string): string {
  const value = id.trim();
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/** `张三丰` → `张**`, `Wei Dong Ltd` → `W***********`: the first character only. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
