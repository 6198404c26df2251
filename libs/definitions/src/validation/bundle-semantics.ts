/**
 * Semantic checks of a structurally valid bundle against the catalogue. Every problem
 * is reported (not only the first), each with a pointer into the bundle document.
 */
import type {
  BundleDefinition,
  Catalogue,
  Condition,
  DefinitionError,
  FormField,
  ServiceItem,
} from '../definition.types.js';
import {
  buildItemGraph,
  criticalPath,
  findCycle,
  upstreamOf,
  type ItemNode,
} from '../graph/bundle-graph.js';
import { canonicalJson } from '../resolve/canonical-json.js';
import { pointerOf } from './json-pointer.js';

export function validateBundleSemantics(
  bundle: BundleDefinition,
  catalogue: Catalogue,
): DefinitionError[] {
  const itemsByCode = new Map(catalogue.items.map((item) => [item.code, item] as const));
  const licenceTypes = new Set(catalogue.licenceTypes.map((entry) => entry.code));
  const errors: DefinitionError[] = [];

  // Unknown and duplicated items.
  const seen = new Set<string>();
  bundle.items.forEach((bundleItem, index) => {
    const pointer = pointerOf('/items', index, 'item');
    if (!itemsByCode.has(bundleItem.item)) {
      errors.push({
        pointer,
        code: 'unknown-item',
        message: `service item ${bundleItem.item} is not in the catalogue`,
      });
    }
    if (seen.has(bundleItem.item)) {
      errors.push({
        pointer,
        code: 'duplicate-item',
        message: `service item ${bundleItem.item} is in the bundle twice`,
      });
    }
    seen.add(bundleItem.item);
  });
  const used = [...seen].flatMap((code) => itemsByCode.get(code) ?? []);

  // Dependencies: an unknown licence type is reported as such, not also as unproduced.
  const graph = buildItemGraph(bundle, used);
  bundle.items.forEach((bundleItem, index) => {
    (bundleItem.dependsOn ?? []).forEach((licenceType, dependsOnIndex) => {
      if (!licenceTypes.has(licenceType)) {
        errors.push({
          pointer: pointerOf('/items', index, 'dependsOn', dependsOnIndex),
          code: 'unknown-licence-type',
          message: `item ${bundleItem.item} depends on unknown licence type ${licenceType}`,
        });
      }
    });
  });
  for (const { index, dependsOnIndex, licenceType } of graph.unproduced) {
    if (!licenceTypes.has(licenceType)) continue;
    errors.push({
      pointer: pointerOf('/items', index, 'dependsOn', dependsOnIndex),
      code: 'unproduced-dependency',
      message: `item ${bundle.items[index].item} depends on licence type ${licenceType}, which no item of this bundle issues`,
    });
  }

  const cycle = findCycle(graph.nodes);
  if (cycle) {
    const index = bundle.items.findIndex((bundleItem) => bundleItem.item === cycle[0]);
    errors.push({
      pointer: pointerOf('/items', index, 'dependsOn'),
      code: 'dependency-cycle',
      message: `items wait for each other in a cycle: ${[...cycle, cycle[0]].join(' → ')}`,
    });
  } else {
    errors.push(...limitProblems(bundle, graph.nodes));
  }

  errors.push(...licenceUpstreamProblems(bundle, itemsByCode, graph.nodes));
  errors.push(...formProblems(bundle, itemsByCode));

  if (bundle.delivery.length === 0) {
    errors.push({
      pointer: '/delivery',
      code: 'no-delivery-option',
      message: 'the bundle needs at least one way to deliver results',
    });
  }
  return errors;
}

/**
 * The promised total must cover the critical path of the items' promised limits.
 * Conditional items count too: the promise must hold for every set of answers.
 * Special procedures are left out: they do not count against time limits (特殊环节不计时).
 */
function limitProblems(bundle: BundleDefinition, nodes: ItemNode[]): DefinitionError[] {
  const { path, days } = criticalPath(nodes);
  if (bundle.promisedLimitDays >= days) return [];
  return [
    {
      pointer: '/promisedLimitDays',
      code: 'limit-below-critical-path',
      message: `the bundle promises ${bundle.promisedLimitDays} working days, but its critical path ${path.join(' → ')} takes ${days}`,
    },
  ];
}

/**
 * A material that a licence issued in this very case can satisfy (免证可办) is only
 * available when the issuing item runs first, i.e. is upstream of the item needing it.
 */
function licenceUpstreamProblems(
  bundle: BundleDefinition,
  itemsByCode: Map<string, ServiceItem>,
  nodes: ItemNode[],
): DefinitionError[] {
  const producers = new Map<string, string[]>();
  for (const node of nodes) {
    for (const output of itemsByCode.get(node.item)?.outputs ?? []) {
      producers.set(output, [...(producers.get(output) ?? []), node.item]);
    }
  }
  const errors: DefinitionError[] = [];
  const checked = new Set<string>();
  bundle.items.forEach((bundleItem, index) => {
    const item = itemsByCode.get(bundleItem.item);
    if (!item || checked.has(item.code)) return;
    checked.add(item.code);
    const upstream = new Set(upstreamOf(nodes, item.code));
    for (const use of item.materials) {
      if (use.satisfiedByLicence === undefined) continue;
      const issuers = (producers.get(use.satisfiedByLicence) ?? []).filter(
        (code) => code !== item.code,
      );
      if (issuers.length === 0 || issuers.some((code) => upstream.has(code))) continue;
      errors.push({
        pointer: pointerOf('/items', index, 'dependsOn'),
        code: 'licence-not-upstream',
        message:
          `material ${use.material} of item ${item.code} is satisfied by licence type ${use.satisfiedByLicence}, ` +
          `which ${issuers.join(', ')} issues in this bundle; add ${use.satisfiedByLicence} to dependsOn so it is issued first`,
      });
    }
  });
  return errors;
}

/**
 * One form (一表申请): a key asked by several items, or by the bundle and an item, is
 * asked once, so it must mean the same everywhere. Decision: everything but `required`
 * must be equal, the label included — the merged form shows one label, and a field
 * that different departments name differently is usually two different facts that
 * deserve two keys. Conditions may only name fields of this merged form.
 */
function formProblems(
  bundle: BundleDefinition,
  itemsByCode: Map<string, ServiceItem>,
): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const firstDefinition = new Map<string, { field: FormField; owner: string }>();

  bundle.form.forEach((field, index) => {
    if (firstDefinition.has(field.key)) {
      errors.push({
        pointer: pointerOf('/form', index, 'key'),
        code: 'duplicate-field',
        message: `the bundle form asks for ${field.key} twice`,
      });
      return;
    }
    firstDefinition.set(field.key, { field, owner: 'the bundle form' });
  });

  const visited = new Set<string>();
  bundle.items.forEach((bundleItem, index) => {
    const item = itemsByCode.get(bundleItem.item);
    if (!item || visited.has(item.code)) return;
    visited.add(item.code);
    for (const field of item.form) {
      const first = firstDefinition.get(field.key);
      if (!first) {
        firstDefinition.set(field.key, { field, owner: `item ${item.code}` });
        continue;
      }
      const differences = differingProperties(first.field, field);
      if (differences.length > 0) {
        errors.push({
          pointer: pointerOf('/items', index, 'item'),
          code: 'field-conflict',
          message: `field ${field.key} of item ${item.code} differs from the one of ${first.owner} in: ${differences.join(', ')}`,
        });
      }
    }
  });

  bundle.items.forEach((bundleItem, index) => {
    if (bundleItem.when === undefined) return;
    for (const { field, pointer } of conditionFields(
      bundleItem.when,
      pointerOf('/items', index, 'when'),
    )) {
      if (!firstDefinition.has(field)) {
        errors.push({
          pointer,
          code: 'unknown-condition-field',
          message: `the condition of item ${bundleItem.item} names field ${field}, which neither the bundle form nor its items ask for`,
        });
      }
    }
  });
  return errors;
}

function differingProperties(a: FormField, b: FormField): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('required');
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  return [...keys]
    .filter((key) => canonicalOrUndefined(left[key]) !== canonicalOrUndefined(right[key]))
    .sort();
}

function canonicalOrUndefined(value: unknown): string | undefined {
  return value === undefined ? undefined : canonicalJson(value);
}

/** Every field a condition names, with the pointer of its `field` property. */
export function conditionFields(
  condition: Condition,
  at: string,
): { field: string; pointer: string }[] {
  if ('all' in condition)
    return condition.all.flatMap((child, index) => conditionFields(child, `${at}/all/${index}`));
  if ('any' in condition)
    return condition.any.flatMap((child, index) => conditionFields(child, `${at}/any/${index}`));
  if ('not' in condition) return conditionFields(condition.not, `${at}/not`);
  return [{ field: condition.field, pointer: `${at}/field` }];
}
