/**
 * Checks an applicant's answers against the merged form (一表申请) before a case starts
 * or is resubmitted. Every problem is reported at once, each naming its field, so the
 * API can answer with one 400 that lists them all (一次性告知 applies to forms too).
 */
import type { FieldType } from '../definition.types.js';
import type { MergedField } from '../compiled.types.js';
import type { AnswerValue, Answers } from '../machine/case-machine.types.js';
import { evaluateCondition } from '../machine/evaluate-condition.js';
import {
  creditCodeProblem,
  isRealDate,
  mobilePhoneProblem,
  residentIdNumberProblem,
} from './identifier-checks.js';

export interface AnswerError {
  /** The field's key; empty when the answers as a whole are unusable. */
  field: string;
  /** Why, in English. */
  message: string;
}

export interface AnswersValidation {
  /** Normalised answers, present only when there are no errors. Unanswered fields are left out. */
  value?: Answers;
  errors: AnswerError[];
}

type Checked = { ok: true; value: AnswerValue } | { ok: false; message: string } | { ok: 'absent' };

export function validateAnswers(form: MergedField[], answers: unknown): AnswersValidation {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return { errors: [{ field: '', message: 'answers must be an object keyed by field' }] };
  }
  const given = answers as Record<string, unknown>;
  const fields = new Map(form.map((field) => [field.key, field]));
  const errors: AnswerError[] = [];
  const value: Answers = {};

  for (const key of Object.keys(given)) {
    if (!fields.has(key)) errors.push({ field: key, message: 'is not a field of this form' });
  }
  for (const field of form) {
    const checked = checkField(field, given[field.key]);
    if (checked.ok === true) value[field.key] = checked.value;
    else if (checked.ok === false) errors.push({ field: field.key, message: checked.message });
  }
  // Conditions read the normalised answers, so `equals: "yes"` matches " yes ".
  for (const field of form) {
    if (field.key in value || errors.some((error) => error.field === field.key)) continue;
    if (field.required) {
      errors.push({ field: field.key, message: 'is required' });
    } else if (field.requiredWhen?.some((condition) => evaluateCondition(condition, value))) {
      errors.push({
        field: field.key,
        message: 'is required because of other answers on this form',
      });
    }
  }
  return errors.length === 0 ? { value, errors } : { errors };
}

function checkField(field: MergedField, raw: unknown): Checked {
  if (raw === undefined || raw === null) return { ok: 'absent' };
  const typed = checkType(field, raw);
  if (typed.ok !== true) return typed;
  const problem = constraintProblem(field, typed.value);
  return problem === undefined ? typed : { ok: false, message: problem };
}

function checkType(field: MergedField, raw: unknown): Checked {
  const type: FieldType = field.type;
  switch (type) {
    case 'string':
    case 'text':
    case 'address':
      return text(raw, (value) => ({ ok: true, value }));
    case 'integer':
      return typeof raw === 'number' && Number.isSafeInteger(raw)
        ? { ok: true, value: raw }
        : { ok: false, message: 'must be a whole number' };
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw)
        ? { ok: true, value: raw }
        : { ok: false, message: 'must be a number' };
    case 'boolean':
      return typeof raw === 'boolean'
        ? { ok: true, value: raw }
        : { ok: false, message: 'must be true or false' };
    case 'date':
      return text(raw, (value) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
          return { ok: false, message: 'must be a date written YYYY-MM-DD' };
        return isRealDate(value)
          ? { ok: true, value }
          : { ok: false, message: `is not a real date (${value})` };
      });
    case 'enum':
      return text(raw, (value) => {
        const allowed = (field.options ?? []).map((option) => option.value);
        return allowed.includes(value)
          ? { ok: true, value }
          : { ok: false, message: `must be one of: ${allowed.join(', ')}` };
      });
    case 'id-number':
      return text(raw, (value) => identifier(value.toUpperCase(), residentIdNumberProblem));
    case 'credit-code':
      return text(raw, (value) => identifier(value.toUpperCase(), creditCodeProblem));
    case 'phone':
      // People write 138 0013 8000 or +86-138-0013-8000; store the 11 digits.
      return text(raw, (value) =>
        identifier(value.replace(/[\s-]/g, '').replace(/^(\+|00)86/, ''), mobilePhoneProblem),
      );
  }
}

/** Trims a string answer; an empty one counts as unanswered. */
function text(raw: unknown, next: (value: string) => Checked): Checked {
  if (typeof raw !== 'string') return { ok: false, message: 'must be text' };
  const value = raw.trim();
  return value === '' ? { ok: 'absent' } : next(value);
}

function identifier(value: string, problemOf: (value: string) => string | undefined): Checked {
  const problem = problemOf(value);
  return problem === undefined ? { ok: true, value } : { ok: false, message: problem };
}

function constraintProblem(field: MergedField, value: AnswerValue): string | undefined {
  if (typeof value === 'number') {
    if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
    if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  // Count characters as people see them: 卫东区 is three, not three UTF-16 units by luck.
  const length = [...value].length;
  if (field.minLength !== undefined && length < field.minLength) {
    return `must be at least ${field.minLength} characters long`;
  }
  if (field.maxLength !== undefined && length > field.maxLength) {
    return `must be at most ${field.maxLength} characters long`;
  }
  if (field.pattern !== undefined && !wholeMatch(field.pattern, value)) {
    return `does not have the required format (${field.pattern})`;
  }
  return undefined;
}

const patterns = new Map<string, RegExp>();

/** Patterns are checked at publish with the `u` flag; anchor them so the whole answer must match. */
function wholeMatch(pattern: string, value: string): boolean {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`, 'u');
    patterns.set(pattern, regex);
  }
  return regex.test(value);
}
