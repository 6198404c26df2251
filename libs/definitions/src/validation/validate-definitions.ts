/** The entry points: structure first, semantics only on a structurally valid document. */
import type { Catalogue, DefinitionError } from '../definition.types.js';
import { validateBundleSemantics } from './bundle-semantics.js';
import { validateCatalogueSemantics } from './catalogue-semantics.js';
import { escapePointerToken } from './json-pointer.js';
import { validateBundleStructure, validateCatalogueStructure } from './validate-structure.js';

/** All problems of a bundle document against a catalogue (assumed valid itself). */
export async function validateBundle(
  plain: unknown,
  catalogue: Catalogue,
): Promise<DefinitionError[]> {
  const { value, errors } = await validateBundleStructure(plain);
  return value ? validateBundleSemantics(value, catalogue) : errors;
}

/** All problems of a catalogue `{ departments, materials, licenceTypes, items }`. */
export async function validateCatalogue(plain: unknown): Promise<DefinitionError[]> {
  const { value, errors } = await validateCatalogueStructure(plain);
  return value ? validateCatalogueSemantics(value) : errors;
}

/**
 * For a catalogue loaded from one file per collection: prefixes each error with the
 * file its collection came from, e.g. `/items/3/code` → `/items.json/items/3/code`
 * when `files.items` is `items.json`. Collections without a file keep their pointer.
 */
export function mapCatalogueErrorsToFiles(
  errors: DefinitionError[],
  files: Partial<Record<keyof Catalogue, string>>,
): DefinitionError[] {
  return errors.map((error) => {
    const collection = error.pointer.split('/')[1] as keyof Catalogue | undefined;
    const file = collection === undefined ? undefined : files[collection];
    return file === undefined
      ? error
      : { ...error, pointer: `/${escapePointerToken(file)}${error.pointer}` };
  });
}
