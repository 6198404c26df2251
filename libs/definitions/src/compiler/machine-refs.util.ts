/**
 * Small constructors for the named guards and actions of the case machine, so that the
 * builders read like the design and every name matches an implementation in
 * `machine/case-guards.ts` / `machine/case-actions.ts`.
 */
import type { CaseEffect, ItemStatus } from '../machine/case-machine.types.js';
import type { NamedRef } from './machine-json.types.js';

/** An effect for the engine's outbox; executing it does nothing. */
export function effect(payload: CaseEffect): NamedRef {
  return { type: 'effect', params: payload };
}

export function ref(type: string, params?: object): NamedRef {
  return params === undefined ? { type } : { type, params };
}

export function itemEvent(item: string): NamedRef {
  return ref('itemEvent', { item });
}

export function setItemStatus(item: string, status: ItemStatus, procedure?: number): NamedRef {
  return ref(
    'setItemStatus',
    procedure === undefined ? { item, status } : { item, status, procedure },
  );
}
