/**
 * The dependency graph between the items of one bundle.
 *
 * An item depends on another when one of its `dependsOn` licence types is among the
 * other's `outputs` (e.g. the food-operation licence waits for the business licence).
 * Pure functions over plain data: the validator, the compiler and the notification
 * all read the same graph.
 */
import type { BundleDefinition, ServiceItem } from '../definition.types.js';

export interface ItemNode {
  item: string;
  promisedLimitDays: number;
  /** Item codes this item waits for (direct producers of its `dependsOn` licences). */
  dependsOnItems: string[];
}

export interface UnproducedDependency {
  /** Index of the bundle item in `bundle.items`. */
  index: number;
  /** Index within that item's `dependsOn`. */
  dependsOnIndex: number;
  licenceType: string;
}

export interface ItemGraph {
  nodes: ItemNode[];
  unproduced: UnproducedDependency[];
}

/**
 * Edges from each bundle item's `dependsOn` licence types to the bundle items whose
 * `outputs` include them. Bundle items whose code is not in `items` are left out (the
 * validator reports them); a code listed twice yields one node (its dependencies merged).
 */
export function buildItemGraph(bundle: BundleDefinition, items: ServiceItem[]): ItemGraph {
  const byCode = new Map(items.map((entry) => [entry.code, entry] as const));
  const known = bundle.items.filter((bundleItem) => byCode.has(bundleItem.item));

  // Which bundle items produce each licence type, in bundle order.
  const producers = new Map<string, string[]>();
  for (const bundleItem of known) {
    for (const output of byCode.get(bundleItem.item)?.outputs ?? []) {
      const list = producers.get(output) ?? [];
      if (!list.includes(bundleItem.item)) list.push(bundleItem.item);
      producers.set(output, list);
    }
  }

  const nodes = new Map<string, ItemNode>();
  const unproduced: UnproducedDependency[] = [];
  bundle.items.forEach((bundleItem, index) => {
    const entry = byCode.get(bundleItem.item);
    (bundleItem.dependsOn ?? []).forEach((licenceType, dependsOnIndex) => {
      if (!producers.has(licenceType)) unproduced.push({ index, dependsOnIndex, licenceType });
    });
    if (!entry) return;
    const node = nodes.get(entry.code) ?? {
      item: entry.code,
      promisedLimitDays: entry.promisedLimitDays,
      dependsOnItems: [],
    };
    for (const licenceType of bundleItem.dependsOn ?? []) {
      for (const producer of producers.get(licenceType) ?? []) {
        if (!node.dependsOnItems.includes(producer)) node.dependsOnItems.push(producer);
      }
    }
    nodes.set(entry.code, node);
  });
  return { nodes: [...nodes.values()], unproduced };
}

/** Item codes of one cycle, in dependency order (each waits for the next, the last for the first), or null. */
export function findCycle(nodes: ItemNode[]): string[] | null {
  const byCode = indexNodes(nodes);
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];

  const visit = (code: string): string[] | null => {
    state.set(code, 'visiting');
    stack.push(code);
    for (const next of byCode.get(code)?.dependsOnItems ?? []) {
      if (!byCode.has(next)) continue;
      const seen = state.get(next);
      if (seen === 'visiting') return stack.slice(stack.indexOf(next));
      if (seen === undefined) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(code, 'done');
    return null;
  };

  for (const node of nodes) {
    if (state.has(node.item)) continue;
    const cycle = visit(node.item);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * The longest chain by the sum of promised limits, upstream first. Items of one chain
 * run one after another; separate chains run in parallel, so this is the shortest time
 * the bundle can promise. Precondition: the graph is acyclic (see `findCycle`).
 * On ties the chain met first in node order wins, so the answer is deterministic.
 */
export function criticalPath(nodes: ItemNode[]): { path: string[]; days: number } {
  const byCode = indexNodes(nodes);
  // Longest chain ending at each node (the node included), memoised.
  const best = new Map<string, { days: number; via?: string }>();

  const longestTo = (code: string, guard: Set<string>): number => {
    const known = best.get(code);
    if (known) return known.days;
    if (guard.has(code))
      throw new Error(`criticalPath needs an acyclic graph; ${code} is on a cycle`);
    guard.add(code);
    const node = byCode.get(code);
    let via: string | undefined;
    let upstreamDays = 0;
    for (const dep of node?.dependsOnItems ?? []) {
      if (!byCode.has(dep)) continue;
      const days = longestTo(dep, guard);
      if (via === undefined || days > upstreamDays) {
        via = dep;
        upstreamDays = days;
      }
    }
    guard.delete(code);
    const days = upstreamDays + (node?.promisedLimitDays ?? 0);
    best.set(code, { days, via });
    return days;
  };

  let end: string | undefined;
  let total = 0;
  for (const node of nodes) {
    const days = longestTo(node.item, new Set());
    if (end === undefined || days > total) {
      end = node.item;
      total = days;
    }
  }
  const path: string[] = [];
  for (let code = end; code !== undefined; code = best.get(code)?.via) path.unshift(code);
  return { path, days: total };
}

/** Every item that waits, directly or not, for `item`; in node order. */
export function dependantsOf(nodes: ItemNode[], item: string): string[] {
  const reverse = new Map<string, string[]>();
  for (const node of nodes) {
    for (const dep of node.dependsOnItems)
      reverse.set(dep, [...(reverse.get(dep) ?? []), node.item]);
  }
  return reachable(nodes, item, (code) => reverse.get(code) ?? []);
}

/** Every item that `item` waits for, directly or not; in node order. */
export function upstreamOf(nodes: ItemNode[], item: string): string[] {
  const byCode = indexNodes(nodes);
  return reachable(nodes, item, (code) => byCode.get(code)?.dependsOnItems ?? []);
}

function indexNodes(nodes: ItemNode[]): Map<string, ItemNode> {
  return new Map(nodes.map((node) => [node.item, node] as const));
}

function reachable(nodes: ItemNode[], start: string, next: (code: string) => string[]): string[] {
  const seen = new Set<string>();
  const queue = [...next(start)];
  while (queue.length > 0) {
    const code = queue.shift() as string;
    if (seen.has(code)) continue;
    seen.add(code);
    queue.push(...next(code));
  }
  // The start item is only part of its own result when it sits on a cycle with itself.
  return nodes.map((node) => node.item).filter((code) => seen.has(code));
}
