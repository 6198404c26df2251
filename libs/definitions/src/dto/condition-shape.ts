/**
 * Structural check of a `Condition` (see definition.types.ts).
 *
 * The union cannot be expressed with class-validator classes (one object, six shapes),
 * so it is walked by hand. Strict on purpose: every node must have exactly one shape
 * and no other key, so a typo such as `{ field, equal }` is an error and not a
 * condition that silently never holds.
 */
import { FIELD_KEY_PATTERN } from './definition-patterns.js';

export interface ConditionProblem {
  /** JSON pointer relative to the condition itself ('' for the root node). */
  pointer: string;
  message: string;
}

const LEAF_OPERATORS = ['equals', 'in', 'truthy'] as const;
const BRANCH_OPERATORS = ['all', 'any', 'not'] as const;
const SHAPES =
  '{ field, equals } | { field, in } | { field, truthy } | { all: [...] } | { any: [...] } | { not: {...} }';

/** Every problem of a condition tree; empty when it is well-formed. */
export function conditionProblems(value: unknown, pointer = ''): ConditionProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ pointer, message: `a condition must be an object of one of the shapes ${SHAPES}` }];
  }
  const node = value as Record<string, unknown>;
  const keys = Object.keys(node);
  const leafOps = LEAF_OPERATORS.filter((op) => op in node);
  const branchOps = BRANCH_OPERATORS.filter((op) => op in node);
  const operators = [...leafOps, ...branchOps];
  if (operators.length !== 1) {
    const found = operators.length === 0 ? 'none' : operators.join(', ');
    return [
      {
        pointer,
        message: `a condition needs exactly one operator of equals, in, truthy, all, any, not (found ${found})`,
      },
    ];
  }
  const operator = operators[0];
  const allowed = leafOps.length === 1 ? ['field', operator] : [operator];
  const problems: ConditionProblem[] = keys
    .filter((key) => !allowed.includes(key))
    .map((key) => ({
      pointer: `${pointer}/${escapeToken(key)}`,
      message: `property ${key} should not exist in a \`${operator}\` condition`,
    }));

  switch (operator) {
    case 'equals':
    case 'in':
    case 'truthy':
      problems.push(...leafProblems(node, operator, pointer));
      break;
    case 'all':
    case 'any': {
      const children = node[operator];
      if (!Array.isArray(children) || children.length === 0) {
        problems.push({
          pointer: `${pointer}/${operator}`,
          message: `${operator} must be a non-empty array of conditions`,
        });
      } else {
        children.forEach((child, index) =>
          problems.push(...conditionProblems(child, `${pointer}/${operator}/${index}`)),
        );
      }
      break;
    }
    case 'not':
      problems.push(...conditionProblems(node.not, `${pointer}/not`));
      break;
  }
  return problems;
}

function leafProblems(
  node: Record<string, unknown>,
  operator: 'equals' | 'in' | 'truthy',
  pointer: string,
): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  const field = node.field;
  if (typeof field !== 'string' || !FIELD_KEY_PATTERN.test(field)) {
    problems.push({
      pointer: `${pointer}/field`,
      message: 'field must be the camelCase key of a form field',
    });
  }
  const operand = node[operator];
  const at = `${pointer}/${operator}`;
  switch (operator) {
    case 'equals':
      if (!isScalar(operand))
        problems.push({
          pointer: at,
          message: 'equals must be a string, a finite number or a boolean',
        });
      break;
    case 'in':
      if (!Array.isArray(operand) || operand.length === 0) {
        problems.push({
          pointer: at,
          message: 'in must be a non-empty array of strings or numbers',
        });
      } else {
        operand.forEach((entry, index) => {
          if (typeof entry !== 'string' && !isFiniteNumber(entry)) {
            problems.push({
              pointer: `${at}/${index}`,
              message: 'each value of in must be a string or a finite number',
            });
          }
        });
      }
      break;
    case 'truthy':
      if (typeof operand !== 'boolean')
        problems.push({ pointer: at, message: 'truthy must be a boolean' });
      break;
  }
  return problems;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value);
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
