/**
 * Evaluates the small `Condition` language of bundle definitions on form answers.
 * Used by the case machine (conditional items) and by anything that shows the form.
 */
import type { Condition } from '../definition.types.js';
import type { AnswerValue, Answers } from './case-machine.types.js';

export function evaluateCondition(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((part) => evaluateCondition(part, answers));
  if ('any' in condition) return condition.any.some((part) => evaluateCondition(part, answers));
  if ('not' in condition) return !evaluateCondition(condition.not, answers);
  const value = answers[condition.field];
  if ('equals' in condition) return value === condition.equals;
  if ('in' in condition) return isScalar(value) && condition.in.some((option) => option === value);
  return isTruthy(value) === condition.truthy;
}

function isScalar(value: AnswerValue | undefined): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

/** An unanswered field, an empty string and an empty list count as false, like `false` and 0. */
function isTruthy(value: AnswerValue | undefined): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}
