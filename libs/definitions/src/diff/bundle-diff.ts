/**
 * What changed between two versions of a bundle (or a version and a draft): every change
 * of the content a version freezes — the definition and the catalogue entries it copied —
 * at its JSON pointers, and a summary of what applicants and officers will notice.
 */
import type { CompiledBundle } from '../compiled.types.js';
import type { ResolvedBundle } from '../definition.types.js';
import { diffJson, type JsonChange } from './json-diff.js';

export interface AddedRemoved {
  added: string[];
  removed: string[];
}

export interface BundleDiffSummary {
  /** Items added or removed, and items whose own entry or place in the bundle changed. */
  items: AddedRemoved & { changed: string[] };
  /** Fields of the merged form (一表申请), by key. */
  formFields: AddedRemoved;
  /** Materials of the merged material set (一套材料), by code. */
  materials: AddedRemoved;
  promisedLimitDays: { before: number; after: number };
  estimatedDays: { before: number; after: number };
  criticalPath: { before: string[]; after: string[] };
}

export interface BundleDiff {
  identical: boolean;
  /**
   * Pointers are into the resolved bundle `{ bundle, items, materials, licenceTypes,
   * departments }`: `/bundle/…` is the definition as written, the rest the catalogue
   * entries it froze. The bundle's own version number is left out (it always differs).
   */
  changes: JsonChange[];
  summary: BundleDiffSummary;
}

export function diffBundles(
  before: { resolved: ResolvedBundle; compiled: CompiledBundle },
  after: { resolved: ResolvedBundle; compiled: CompiledBundle },
): BundleDiff {
  const changes = diffJson(withoutVersion(before.resolved), withoutVersion(after.resolved));
  return {
    identical: changes.length === 0,
    changes,
    summary: summaryOf(before, after, changes),
  };
}

function withoutVersion(resolved: ResolvedBundle): ResolvedBundle {
  const bundle = { ...resolved.bundle };
  delete bundle.version;
  return { ...resolved, bundle };
}

function summaryOf(
  before: { resolved: ResolvedBundle; compiled: CompiledBundle },
  after: { resolved: ResolvedBundle; compiled: CompiledBundle },
  changes: JsonChange[],
): BundleDiffSummary {
  const itemsBefore = before.resolved.bundle.items.map((entry) => entry.item);
  const itemsAfter = after.resolved.bundle.items.map((entry) => entry.item);
  const items = addedRemoved(itemsBefore, itemsAfter);
  const changed = new Set<string>();
  for (const change of changes) {
    for (const [side, resolved] of [
      [change.before, before.resolved],
      [change.after, after.resolved],
    ] as const) {
      const code = side ? itemAt(side.pointer, resolved) : undefined;
      if (code !== undefined) changed.add(code);
    }
  }
  const notification = (compiled: CompiledBundle) => compiled.notification;
  return {
    items: {
      ...items,
      changed: itemsAfter.filter((code) => changed.has(code) && !items.added.includes(code)),
    },
    formFields: addedRemoved(
      before.compiled.form.map((field) => field.key),
      after.compiled.form.map((field) => field.key),
    ),
    materials: addedRemoved(
      before.compiled.materials.map((material) => material.material),
      after.compiled.materials.map((material) => material.material),
    ),
    promisedLimitDays: {
      before: notification(before.compiled).promisedLimitDays,
      after: notification(after.compiled).promisedLimitDays,
    },
    estimatedDays: {
      before: notification(before.compiled).estimatedDays,
      after: notification(after.compiled).estimatedDays,
    },
    criticalPath: {
      before: notification(before.compiled).criticalPath,
      after: notification(after.compiled).criticalPath,
    },
  };
}

/** The item a pointer falls under: a frozen item entry, or the item's place in the bundle. */
function itemAt(pointer: string, resolved: ResolvedBundle): string | undefined {
  const entry = /^\/items\/(\d+)(\/|$)/.exec(pointer);
  if (entry) return resolved.items[Number(entry[1])]?.code;
  const place = /^\/bundle\/items\/(\d+)(\/|$)/.exec(pointer);
  if (place) return resolved.bundle.items[Number(place[1])]?.item;
  return undefined;
}

function addedRemoved(before: string[], after: string[]): AddedRemoved {
  return {
    added: after.filter((code) => !before.includes(code)),
    removed: before.filter((code) => !after.includes(code)),
  };
}
