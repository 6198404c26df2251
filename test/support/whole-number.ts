/**
 * A whole-number option of a command-line tool (flag or environment variable), checked:
 * garbage stops the tool with a message naming the option, instead of running with NaN.
 */
export function wholeNumber(
  name: string,
  raw: string | undefined,
  fallback: number,
  min = 1,
): number {
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  }
  return value;
}
