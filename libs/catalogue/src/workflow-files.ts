import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Catalogue, DefinitionError } from '@onevisit/definitions';

/** A definition problem located in a file: `file#/pointer: message`. */
export interface FileError extends DefinitionError {
  file: string;
}

export interface WorkflowFile {
  /** Path relative to the workflows root's parent, e.g. `workflows/bundles/restaurant.json`. */
  file: string;
  plain: unknown;
}

/** Where one catalogue entry came from, to map a pointer in the merged catalogue back. */
interface EntrySource {
  file: string;
  index: number;
}

export interface WorkflowTree {
  catalogue: Catalogue;
  /** `sources[list][i]` is the file (and index in it) of `catalogue[list][i]`. */
  sources: Record<keyof Catalogue, EntrySource[]>;
  bundles: WorkflowFile[];
  /** Files that could not be read or parsed, or have the wrong top-level shape. */
  errors: FileError[];
}

const CATALOGUE_FILES: { list: keyof Catalogue; path: string }[] = [
  { list: 'departments', path: 'catalogue/departments.json' },
  { list: 'materials', path: 'catalogue/materials.json' },
  { list: 'licenceTypes', path: 'catalogue/licence-types.json' },
];

/** Drops the editor hint `$schema` the files may carry; it is not part of the definition. */
export function withoutSchemaKey(plain: unknown): unknown {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) return plain;
  const rest: Record<string, unknown> = { ...(plain as Record<string, unknown>) };
  delete rest.$schema;
  return rest;
}

/**
 * Reads every definition file under a `workflows/` directory: the catalogue (merged
 * from its files) and each bundle. Reading never throws on bad content: problems come
 * back in `errors` so a check can report all of them.
 */
export async function readWorkflowTree(root: string): Promise<WorkflowTree> {
  const base = join(root, '..');
  const tree: WorkflowTree = {
    catalogue: { departments: [], materials: [], licenceTypes: [], items: [] },
    sources: { departments: [], materials: [], licenceTypes: [], items: [] },
    bundles: [],
    errors: [],
  };
  const addList = (list: keyof Catalogue, file: WorkflowFile) => {
    const value = (withoutSchemaKey(file.plain) as Record<string, unknown> | null)?.[list];
    if (!Array.isArray(value)) {
      tree.errors.push({
        file: file.file,
        pointer: `/${list}`,
        code: 'missing-list',
        message: `must be an array of ${list}`,
      });
      return;
    }
    value.forEach((entry, index) => {
      (tree.catalogue[list] as unknown[]).push(entry);
      tree.sources[list].push({ file: file.file, index });
    });
  };

  for (const { list, path } of CATALOGUE_FILES) {
    const file = await readJson(join(root, path), base, tree.errors);
    if (file) addList(list, file);
  }
  for (const path of await jsonFiles(join(root, 'catalogue', 'items'))) {
    const file = await readJson(path, base, tree.errors);
    if (file) addList('items', file);
  }
  for (const path of await jsonFiles(join(root, 'bundles'))) {
    const file = await readJson(path, base, tree.errors);
    if (file) tree.bundles.push({ file: file.file, plain: withoutSchemaKey(file.plain) });
  }
  return tree;
}

/** Maps an error in the merged catalogue (`/items/7/form/0`) back to its file. */
export function locateCatalogueError(tree: WorkflowTree, error: DefinitionError): FileError {
  const [, list, index, ...rest] = error.pointer.split('/');
  const source =
    list && list in tree.sources ? tree.sources[list as keyof Catalogue][Number(index)] : undefined;
  if (!source) return { ...error, file: 'workflows/catalogue' };
  return {
    ...error,
    file: source.file,
    pointer: ['', list, String(source.index), ...rest].join('/'),
  };
}

export function formatFileError(error: FileError): string {
  return `${error.file}#${error.pointer}: ${error.message}`;
}

async function jsonFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

async function readJson(
  path: string,
  base: string,
  errors: FileError[],
): Promise<WorkflowFile | undefined> {
  const file = relative(base, path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    errors.push({
      file,
      pointer: '',
      code: 'missing-file',
      message: 'file is missing or unreadable',
    });
    return undefined;
  }
  try {
    return { file, plain: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    errors.push({ file, pointer: '', code: 'invalid-json', message: `not valid JSON: ${reason}` });
    return undefined;
  }
}
