/**
 * 一套材料: the materials of all items of a bundle, de-duplicated by material code.
 */
import type { MaterialUse, MergedMaterial } from '../compiled.types.js';
import type { ResolvedBundle } from '../definition.types.js';

export function mergeMaterials(resolved: ResolvedBundle): MergedMaterial[] {
  const { bundle } = resolved;
  const services = new Map(resolved.items.map((entry) => [entry.code, entry] as const));
  const catalogue = new Map(resolved.materials.map((entry) => [entry.code, entry] as const));

  // Which bundle item issues each licence type (first in bundle order).
  const producer = new Map<string, string>();
  for (const bundleItem of bundle.items) {
    for (const output of services.get(bundleItem.item)?.outputs ?? []) {
      if (!producer.has(output)) producer.set(output, bundleItem.item);
    }
  }

  const uses = new Map<string, { use: MaterialUse; always: boolean }[]>();
  const licence = new Map<string, string>();
  for (const bundleItem of bundle.items) {
    const service = services.get(bundleItem.item);
    if (!service)
      throw new Error(
        `bundle ${bundle.code} uses item ${bundleItem.item}, which the resolved bundle lacks`,
      );
    for (const entry of service.materials) {
      const list = uses.get(entry.material) ?? [];
      if (list.some((known) => known.use.item === service.code)) continue;
      list.push({
        use: { item: service.code, required: entry.required, tolerable: entry.tolerable },
        always: bundleItem.when === undefined,
      });
      uses.set(entry.material, list);
      if (entry.satisfiedByLicence !== undefined) {
        const known = licence.get(entry.material);
        if (known !== undefined && known !== entry.satisfiedByLicence) {
          throw new Error(
            `material ${entry.material} is satisfied by licence ${known} for one item and ${entry.satisfiedByLicence} for ${service.code}`,
          );
        }
        licence.set(entry.material, entry.satisfiedByLicence);
      }
    }
  }

  return [...uses.entries()].map(([code, list]) => {
    const material = catalogue.get(code);
    if (!material)
      throw new Error(
        `material ${code} is used by ${list[0]?.use.item} but missing from the resolved bundle`,
      );
    const needing = list.some((entry) => entry.use.required)
      ? list.filter((entry) => entry.use.required)
      : list;
    const merged: MergedMaterial = {
      material: code,
      name: { ...material.name },
      acceptedForms: [...material.acceptedForms],
      usedBy: list.map((entry) => ({ ...entry.use })),
      required: list.some((entry) => entry.use.required && entry.always),
      tolerable: needing.every((entry) => entry.use.tolerable),
    };
    const licenceType = licence.get(code);
    if (licenceType !== undefined) {
      merged.satisfiedByLicence = licenceType;
      const byItem = producer.get(licenceType);
      if (byItem !== undefined) merged.suppliedInCase = { licenceType, byItem };
    }
    return merged;
  });
}
