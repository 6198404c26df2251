/**
 * XState reads `.` in a state key as a path and `#` as an id, so item codes cannot be
 * used as keys as they are. Keys keep the code readable and stay unique.
 */
export function stateKeys(codes: readonly string[]): Map<string, string> {
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  for (const code of codes) {
    const base = code.replace(/[^A-Za-z0-9_-]/g, '_') || 'item';
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
    taken.add(key);
    keys.set(code, key);
  }
  return keys;
}
