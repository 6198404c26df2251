/**
 * A structured diff of two JSON documents, change by change, each located by JSON
 * pointers (RFC 6901) into the older and the newer document. Arrays of entries that name
 * themselves (`code`, `item`, `key`, `material`, `value`) are matched by that name, so a
 * reordered or inserted entry is one change, not a cascade along the array.
 */
import { pointerOf } from '../validation/json-pointer.js';

export interface DiffSide {
  pointer: string;
  value: unknown;
}

export interface JsonChange {
  op: 'added' | 'removed' | 'changed';
  /** Where it was in the older document (absent for an addition). */
  before?: DiffSide;
  /** Where it is in the newer document (absent for a removal). */
  after?: DiffSide;
}

/** Names that identify an entry of an array, tried in this order. */
const IDENTITY_KEYS = ['code', 'item', 'key', 'material', 'value'] as const;

type Json = unknown;

export function diffJson(before: Json, after: Json): JsonChange[] {
  const changes: JsonChange[] = [];
  walk(before, after, '', '', changes);
  return changes;
}

function walk(before: Json, after: Json, at: string, to: string, out: JsonChange[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      if (!(key in after)) out.push(removed(pointerOf(at, key), before[key]));
    }
    for (const key of Object.keys(after)) {
      if (!(key in before)) out.push(added(pointerOf(to, key), after[key]));
      else walk(before[key], after[key], pointerOf(at, key), pointerOf(to, key), out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    walkArray(before, after, at, to, out);
    return;
  }
  if (!sameJson(before, after)) {
    out.push({
      op: 'changed',
      before: { pointer: at, value: before },
      after: { pointer: to, value: after },
    });
  }
}

function walkArray(before: Json[], after: Json[], at: string, to: string, out: JsonChange[]): void {
  const identity = identityOf(before, after);
  if (identity === undefined) {
    // Positional: entries with nothing to match them by (procedures, pattern lists).
    const common = Math.min(before.length, after.length);
    for (let i = 0; i < common; i++)
      walk(before[i], after[i], pointerOf(at, i), pointerOf(to, i), out);
    for (let i = common; i < before.length; i++) out.push(removed(pointerOf(at, i), before[i]));
    for (let i = common; i < after.length; i++) out.push(added(pointerOf(to, i), after[i]));
    return;
  }
  const newIndex = new Map(after.map((entry, index) => [identity.key(entry), index]));
  const oldIndex = new Map(before.map((entry, index) => [identity.key(entry), index]));
  before.forEach((entry, index) => {
    if (!newIndex.has(identity.key(entry))) out.push(removed(pointerOf(at, index), entry));
  });
  after.forEach((entry, index) => {
    const previous = oldIndex.get(identity.key(entry));
    if (previous === undefined) out.push(added(pointerOf(to, index), entry));
    else walk(before[previous], entry, pointerOf(at, previous), pointerOf(to, index), out);
  });
  const kept = after.filter((entry) => oldIndex.has(identity.key(entry))).map(identity.name);
  const keptBefore = before.filter((entry) => newIndex.has(identity.key(entry))).map(identity.name);
  if (!sameJson(kept, keptBefore)) {
    // Same entries in another order: the order itself is a change (items are listed so).
    // The values are the entries' names, in their order on each side.
    out.push({
      op: 'changed',
      before: { pointer: at, value: keptBefore },
      after: { pointer: to, value: kept },
    });
  }
}

/**
 * How entries of these arrays are told apart: by a naming property every entry has, with
 * no two alike on either side; or, for arrays of distinct strings or numbers, by value.
 */
function identityOf(
  before: Json[],
  after: Json[],
): { key: (entry: Json) => string; name: (entry: Json) => Json } | undefined {
  const all = [...before, ...after];
  if (all.length === 0) return undefined;
  const distinct = (values: Json[]) =>
    new Set(values.map((value) => JSON.stringify(value))).size === values.length;
  if (all.every((entry) => typeof entry === 'string' || typeof entry === 'number')) {
    if (!distinct(before) || !distinct(after)) return undefined;
    return { key: (entry) => JSON.stringify(entry), name: (entry) => entry };
  }
  for (const property of IDENTITY_KEYS) {
    const name = (entry: Json) => (entry as Record<string, Json>)[property];
    const named = all.every(
      (entry) => isObject(entry) && ['string', 'number'].includes(typeof entry[property]),
    );
    if (named && distinct(before.map(name)) && distinct(after.map(name))) {
      return { key: (entry) => JSON.stringify(name(entry)), name };
    }
  }
  return undefined;
}

function added(pointer: string, value: Json): JsonChange {
  return { op: 'added', after: { pointer, value } };
}

function removed(pointer: string, value: Json): JsonChange {
  return { op: 'removed', before: { pointer, value } };
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((entry, index) => sameJson(entry, b[index]));
  }
  const left = a as Record<string, Json>;
  const right = b as Record<string, Json>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => key in right && sameJson(left[key], right[key]))
  );
}
