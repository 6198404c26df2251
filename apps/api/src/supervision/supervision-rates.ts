/** A count of done things and how many were done in time, with the rate (null when none). */
export interface Rate {
  total: number;
  onTime: number;
  rate: number | null;
}

/** Tallies `rows` by `keyOf`, counting those `onTime` accepts. */
export function ratesBy<T>(
  rows: T[],
  keyOf: (row: T) => string,
  onTime: (row: T) => boolean,
): Record<string, Rate> {
  const tally: Record<string, Rate> = {};
  for (const row of rows) {
    const key = keyOf(row);
    const entry = (tally[key] ??= { total: 0, onTime: 0, rate: null });
    entry.total += 1;
    if (onTime(row)) entry.onTime += 1;
  }
  for (const entry of Object.values(tally)) entry.rate = ratio(entry.onTime, entry.total);
  return tally;
}

/** `part / whole` rounded to 4 decimals; null when `whole` is 0 (no rate, rather than 0%). */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 10000;
}
