/** Codes of catalogue entries and bundles: lowercase kebab-case, stable in URLs and file names. */
export const CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const CODE_MESSAGE =
  '$property must be a lowercase kebab-case code (e.g. `food-operation-licence`)';

/** Form field keys: camelCase, so answers read naturally as JSON and in conditions. */
export const FIELD_KEY_PATTERN = /^[a-z][a-zA-Z0-9]*$/;
export const FIELD_KEY_MESSAGE = '$property must be a camelCase key (e.g. `sellsLiquor`)';

/** Field types whose answers are text, so `minLength` / `maxLength` / `pattern` make sense. */
export const TEXT_FIELD_TYPES = [
  'string',
  'text',
  'id-number',
  'phone',
  'credit-code',
  'address',
] as const;
export const NUMBER_FIELD_TYPES = ['integer', 'number'] as const;
