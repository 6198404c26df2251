/** JSON pointers (RFC 6901): how every DefinitionError says where the problem is. */
import type { DefinitionError } from '../definition.types.js';

/** Escapes one reference token: `~` → `~0`, `/` → `~1` (in that order). */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins a base pointer and raw tokens: `pointerOf('/items', 2, 'code')` → `/items/2/code`. */
export function pointerOf(base: string, ...tokens: (string | number)[]): string {
  return base + tokens.map((token) => `/${escapePointerToken(token)}`).join('');
}

/**
 * Prefixes the pointers of errors found in one part of a larger whole, e.g. the
 * catalogue file an entry came from: `prefixErrors(errors, '/items.json')`. A prefix
 * that is not a pointer (a file name) is escaped as one token; `'/'`-led prefixes are
 * taken as pointers already.
 */
export function prefixErrors(errors: DefinitionError[], prefix: string): DefinitionError[] {
  const base = prefix === '' || prefix.startsWith('/') ? prefix : `/${escapePointerToken(prefix)}`;
  return errors.map((error) => ({ ...error, pointer: base + error.pointer }));
}
