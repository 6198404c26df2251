/**
 * 一表申请: the one form of a bundle, the union of the bundle's own fields and every
 * item's fields, each key asked once.
 */
import type { MergedField } from '../compiled.types.js';
import type { Condition, FormField, ResolvedBundle } from '../definition.types.js';
import { canonicalJson } from './canonical-json.util.js';

export function mergeForm(resolved: ResolvedBundle): MergedField[] {
  const { bundle } = resolved;
  const services = new Map(resolved.items.map((entry) => [entry.code, entry] as const));
  const merged = new Map<string, MergedField>();
  const conditions = new Map<string, Map<string, Condition>>();

  const add = (field: FormField, user: string, when: Condition | undefined): void => {
    const existing = merged.get(field.key);
    if (!existing) {
      const copy = JSON.parse(JSON.stringify(field)) as FormField;
      merged.set(field.key, { ...copy, required: false, usedBy: [] });
      conditions.set(field.key, new Map());
    } else if (shapeOf(existing) !== shapeOf(field)) {
      // The validator reports this with a pointer; reaching here means it was skipped.
      throw new Error(
        `form field "${field.key}" of ${user} differs from the one already asked by ${existing.usedBy.join(', ')}`,
      );
    }
    const entry = merged.get(field.key) as MergedField;
    if (!entry.usedBy.includes(user)) entry.usedBy.push(user);
    if (!field.required) return;
    if (when === undefined) entry.required = true;
    else conditions.get(field.key)?.set(canonicalJson(when), when);
  };

  for (const field of bundle.form) add(field, 'bundle', undefined);
  for (const bundleItem of bundle.items) {
    const service = services.get(bundleItem.item);
    if (!service)
      throw new Error(
        `bundle ${bundle.code} uses item ${bundleItem.item}, which the resolved bundle lacks`,
      );
    for (const field of service.form) add(field, service.code, bundleItem.when);
  }

  return [...merged.values()].map((field) => {
    const when = [...(conditions.get(field.key)?.values() ?? [])];
    return field.required || when.length === 0 ? field : { ...field, requiredWhen: when };
  });
}

/** Everything but `required` and bookkeeping: two fields with one key must agree on it. */
function shapeOf(field: FormField | MergedField): string {
  const shape: Record<string, unknown> = { ...field };
  for (const key of ['required', 'usedBy', 'requiredWhen']) delete shape[key];
  return canonicalJson(shape);
}
