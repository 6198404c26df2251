/**
 * Resolution: a bundle plus copies of the catalogue entries it uses. A published
 * version freezes this, so a later catalogue edit never changes a running case.
 */
import { createHash } from 'node:crypto';
import type { BundleDefinition, Catalogue, ResolvedBundle } from '../definition.types.js';
import { canonicalJson } from './canonical-json.js';

/**
 * Items keep the bundle's order (it is meaningful: the notification lists them so);
 * materials, licence types and departments are sorted by code, so the result does not
 * depend on the order of the catalogue. Unknown codes are skipped (the validator
 * reports them); entries are deep copies.
 */
export function resolveBundle(bundle: BundleDefinition, catalogue: Catalogue): ResolvedBundle {
  const itemsByCode = new Map(catalogue.items.map((item) => [item.code, item] as const));
  const itemCodes = [...new Set(bundle.items.map((bundleItem) => bundleItem.item))];
  const items = itemCodes.flatMap((code) => itemsByCode.get(code) ?? []);

  const materialCodes = new Set(items.flatMap((item) => item.materials.map((use) => use.material)));
  const licenceCodes = new Set([
    ...items.flatMap((item) => item.outputs),
    ...items.flatMap((item) => item.materials.flatMap((use) => use.satisfiedByLicence ?? [])),
    ...bundle.items.flatMap((bundleItem) => bundleItem.dependsOn ?? []),
  ]);
  const licenceTypes = byCode(
    catalogue.licenceTypes.filter((entry) => licenceCodes.has(entry.code)),
  );
  const departmentCodes = new Set([
    ...items.map((item) => item.department),
    ...licenceTypes.map((entry) => entry.issuer),
  ]);

  return structuredClone({
    bundle: withoutSchemaKey(bundle),
    items,
    materials: byCode(catalogue.materials.filter((entry) => materialCodes.has(entry.code))),
    licenceTypes,
    departments: byCode(catalogue.departments.filter((entry) => departmentCodes.has(entry.code))),
  });
}

/**
 * sha256 (hex) of the canonical JSON of a resolved bundle, leaving out the bundle's
 * `version`: the same content republished under a new version has the same checksum,
 * so publishing can tell "nothing changed" from a real change.
 */
export function checksumOf(resolved: ResolvedBundle): string {
  const bundle = withoutSchemaKey({ ...resolved.bundle });
  delete bundle.version;
  const content = { ...resolved, bundle };
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

function byCode<T extends { code: string }>(entries: T[]): T[] {
  // Plain code-unit order, not locale order: the same on every machine.
  return [...entries].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** A bundle read from a file may still carry its editor `$schema` hint: it is not content. */
function withoutSchemaKey<T extends object>(bundle: T): T {
  if (!('$schema' in bundle)) return bundle;
  const copy: Record<string, unknown> = { ...bundle };
  delete copy.$schema;
  return copy as T;
}
