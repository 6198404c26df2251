/**
 * The events a case accepts in its current state, for screens and for the engine's 409
 * answer. Read from the machine JSON along the snapshot's public `value` only.
 * Payload guards (a tolerable missing list, a valid rating) are not evaluated here: an
 * event listed may still be refused for its payload.
 */
import type { MachineJson } from '../compiled.types.js';
import { transitionsOf, type StateJson } from '../compiler/machine-json.types.js';
import type { CaseEventType } from './case-machine.types.js';

export interface AllowedEvent {
  type: CaseEventType;
  /** Item code, for events about one item. */
  item?: string;
}

export type StateValueJson = string | { [key: string]: StateValueJson };

/** Tag of states during which item events are refused (see the `itemEvent` guard). */
export const FROZEN_TAG = 'frozen';

export function allowedEvents(
  machineJson: MachineJson,
  snapshot: { value: StateValueJson },
): AllowedEvent[] {
  const nodes = activeNodes(machineJson, snapshot.value);
  const frozen = nodes.some((node) => node.tags?.includes(FROZEN_TAG) === true);
  const seen = new Set<string>();
  const allowed: AllowedEvent[] = [];
  for (const node of nodes) {
    for (const [type, transitions] of Object.entries(node.on ?? {})) {
      for (const transition of transitionsOf(transitions)) {
        const guard = transition.guard;
        const item =
          typeof guard === 'object' && guard.type === 'itemEvent'
            ? (guard.params as { item: string }).item
            : undefined;
        if (item !== undefined && frozen) continue;
        const key = `${type}\u0000${item ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        allowed.push(
          item === undefined
            ? { type: type as CaseEventType }
            : { type: type as CaseEventType, item },
        );
      }
    }
  }
  return allowed;
}

/** The state nodes a value makes active, ancestors before descendants. */
export function activeNodes(root: StateJson, value: StateValueJson): StateJson[] {
  const nodes: StateJson[] = [root];
  const visit = (node: StateJson, inner: StateValueJson): void => {
    if (typeof inner === 'string') {
      const child = node.states?.[inner];
      if (child) nodes.push(child);
      return;
    }
    for (const [key, sub] of Object.entries(inner)) {
      const child = node.states?.[key];
      if (!child) continue;
      nodes.push(child);
      visit(child, sub);
    }
  };
  visit(root, value);
  return nodes;
}
