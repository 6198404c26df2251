/**
 * Custom class-validator constraints for the definition DTOs. Their `name`s are also
 * the keys the JSON Schema generator uses to express them (see schema/).
 */
import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { conditionProblems } from './condition-shape.js';

export const IS_REG_EXP = 'isRegExp';
export const IS_CONDITION = 'isCondition';
export const NOT_BELOW = 'notBelow';
export const ONLY_FOR_FIELD_TYPES = 'onlyForFieldTypes';

/**
 * The string compiles as an ECMAScript regular expression, both with and without the
 * `u` flag, so whichever way a form renderer or the server compiles it, it works.
 */
export function IsRegExp(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: IS_REG_EXP,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && compiles(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'pattern'} must be a valid regular expression: ${compileError(args?.value)}`,
      },
    });
}

/** A well-formed `Condition` tree; the error converter re-walks it for exact pointers. */
export function IsCondition(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: IS_CONDITION,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => conditionProblems(value).length === 0,
        defaultMessage: (args?: ValidationArguments) =>
          conditionProblems(args?.value)
            .map((problem) => problem.message)
            .join('; '),
      },
    });
}

/** The number is not below the sibling property `other` (when both are numbers): min ≤ max. */
export function NotBelow(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: NOT_BELOW,
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const lower = (args?.object as Record<string, unknown> | undefined)?.[other];
          return typeof value !== 'number' || typeof lower !== 'number' || value >= lower;
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} must not be below ${other}`,
      },
    });
}

/** The property may be present only when the sibling `type` is one of `types`. */
export function OnlyForFieldTypes(
  types: readonly string[],
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: ONLY_FOR_FIELD_TYPES,
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [types],
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const type = (args?.object as Record<string, unknown> | undefined)?.type;
          return value === undefined || (typeof type === 'string' && types.includes(type));
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'property'} is only allowed for fields of type ${types.join(', ')}`,
      },
    });
}

function compiles(source: string): boolean {
  return compileError(source) === undefined;
}

function compileError(source: unknown): string | undefined {
  if (typeof source !== 'string') return 'not a string';
  try {
    new RegExp(source);
    new RegExp(source, 'u');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
