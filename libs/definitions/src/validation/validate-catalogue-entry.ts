/**
 * One catalogue entry checked on its own, as an admin edits it: its structure, and its
 * semantics within the catalogue it would join. Pointers are into the entry itself
 * (`/materials/1/material`), as a bundle's are into the bundle.
 */
import type { ClassConstructor } from 'class-transformer';
import type { Catalogue, DefinitionError } from '../definition.types.js';
import { DepartmentDto } from '../dto/department.dto.js';
import { LicenceTypeDto } from '../dto/licence-type.dto.js';
import { MaterialDto } from '../dto/material.dto.js';
import { ServiceItemDto } from '../dto/service-item.dto.js';
import { validateCatalogueSemantics } from './catalogue-semantics.js';
import { pointerOf } from './json-pointer.js';
import { validateStructure } from './validate-structure.js';

/** A collection of the catalogue: `departments`, `materials`, `licenceTypes` or `items`. */
export type CatalogueList = keyof Catalogue;

const ENTRY_DTOS: Record<CatalogueList, ClassConstructor<object>> = {
  departments: DepartmentDto,
  materials: MaterialDto,
  licenceTypes: LicenceTypeDto,
  items: ServiceItemDto,
};

/**
 * `catalogue` with `entry` in place of the entry of the same code (or added), and where
 * it sits. Entries are never removed, so nothing else in the catalogue can stop resolving.
 */
export function catalogueWith(
  catalogue: Catalogue,
  list: CatalogueList,
  entry: { code: string },
): { catalogue: Catalogue; index: number } {
  const entries = catalogue[list] as { code: string }[];
  const found = entries.findIndex((existing) => existing.code === entry.code);
  const index = found >= 0 ? found : entries.length;
  const replaced = [...entries];
  replaced[index] = entry;
  return { catalogue: { ...catalogue, [list]: replaced }, index };
}

/** Every problem of `plain` as an entry of `list`, checked against `catalogue`. */
export async function validateCatalogueEntry(
  list: CatalogueList,
  plain: unknown,
  catalogue: Catalogue,
): Promise<DefinitionError[]> {
  const { value, errors } = await validateStructure<{ code: string }>(ENTRY_DTOS[list], plain);
  if (!value) return errors;
  const placed = catalogueWith(catalogue, list, value);
  const prefix = pointerOf(`/${list}`, placed.index);
  return validateCatalogueSemantics(placed.catalogue)
    .filter((error) => error.pointer === prefix || error.pointer.startsWith(`${prefix}/`))
    .map((error) => ({ ...error, pointer: error.pointer.slice(prefix.length) }));
}
