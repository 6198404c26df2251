/**
 * Structural validation of definition documents with class-validator, turning its
 * nested error tree into flat `DefinitionError`s located by JSON pointers.
 */
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { BundleDefinition, Catalogue, DefinitionError } from '../definition.types.js';
import { BundleDefinitionDto } from '../dto/bundle-definition.dto.js';
import { CatalogueDto } from '../dto/catalogue-files.dto.js';
import { conditionProblems } from '../dto/condition-shape.js';
import { IS_CONDITION } from '../dto/definition-constraints.js';
import { pointerOf } from './json-pointer.js';

export interface StructureResult<T> {
  /** The validated document (class instances with the same JSON shape); only when there are no errors. */
  value?: T;
  errors: DefinitionError[];
}

/**
 * Validates `plain` against the DTO class `cls`: unknown properties are errors
 * (whitelist + forbidNonWhitelisted), nothing is converted implicitly.
 */
export async function validateStructure<T>(
  cls: ClassConstructor<object>,
  plain: unknown,
  basePointer = '',
): Promise<StructureResult<T>> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return {
      errors: [
        {
          pointer: basePointer,
          code: 'invalid-structure',
          message: 'the document must be a JSON object',
        },
      ],
    };
  }
  const instance = plainToInstance(cls, plain);
  const found = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: true },
  });
  const errors = flattenValidationErrors(found, basePointer);
  return errors.length > 0 ? { errors } : { value: instance as T, errors };
}

/** Structure of one bundle file; the returned bundle has no `$schema`. */
export async function validateBundleStructure(
  plain: unknown,
  basePointer = '',
): Promise<StructureResult<BundleDefinition>> {
  const result = await validateStructure<BundleDefinitionDto>(
    BundleDefinitionDto,
    plain,
    basePointer,
  );
  if (!result.value) return { errors: result.errors };
  const bundle: BundleDefinition & { $schema?: string } = { ...result.value };
  delete bundle.$schema;
  return { value: bundle, errors: [] };
}

/** Structure of a whole catalogue `{ departments, materials, licenceTypes, items }`. */
export function validateCatalogueStructure(
  plain: unknown,
  basePointer = '',
): Promise<StructureResult<Catalogue>> {
  return validateStructure<Catalogue>(CatalogueDto, plain, basePointer);
}

/** class-validator's tree → one DefinitionError per failed constraint, deepest pointer first found. */
export function flattenValidationErrors(
  errors: ValidationError[],
  basePointer = '',
): DefinitionError[] {
  const out: DefinitionError[] = [];
  for (const error of errors) {
    const pointer = pointerOf(basePointer, error.property);
    const constraints = error.constraints ?? {};
    for (const [name, message] of Object.entries(constraints)) {
      if (name === IS_CONDITION) {
        // Re-walk the condition so each problem points at its own node.
        for (const problem of conditionProblems(error.value)) {
          out.push({
            pointer: pointer + problem.pointer,
            code: 'invalid-condition',
            message: problem.message,
          });
        }
      } else if (name === 'whitelistValidation') {
        out.push({
          pointer,
          code: 'unknown-property',
          message: `unknown property ${error.property}`,
        });
      } else {
        out.push({ pointer, code: 'invalid-structure', message });
      }
    }
    out.push(...flattenValidationErrors(error.children ?? [], pointer));
  }
  return out;
}
