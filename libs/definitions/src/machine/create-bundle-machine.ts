/**
 * Turns compiled machine JSON into a real XState v5 machine. Every guard and action the
 * JSON names is implemented here; effects are one no-op action type (`effect`) that the
 * engine reads from what `transition()` returns and writes to its outbox.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import type { MachineJson } from '../compiled.types.js';
import type { CaseContext, CaseEffect, CaseEvent, CaseInput } from './case-machine.types.js';
import { caseGuards } from './case-guards.js';
import { caseReducers } from './case-reducers.js';

type Reducer<P> = (context: CaseContext, event: CaseEvent, params: P) => Partial<CaseContext>;

function assignFrom<P>(reducer: Reducer<P>) {
  return assign<CaseContext, CaseEvent, P, CaseEvent, never>(({ context, event }, params) =>
    reducer(context, event, params),
  );
}

const caseSetup = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
  },
  guards: caseGuards,
  actions: {
    // Intentionally empty: the engine carries effects out after its transaction commits.
    effect: (_args, _params: CaseEffect) => undefined,
    // Marks an event as accepted that changes nothing (XState's `can` refuses empty transitions).
    noop: () => undefined,
    accept: assignFrom(caseReducers.accept),
    recordIdentityCheck: assignFrom(caseReducers.recordIdentityCheck),
    acceptWithDeficiencies: assignFrom(caseReducers.acceptWithDeficiencies),
    requestCorrection: assignFrom(caseReducers.requestCorrection),
    resubmit: assignFrom(caseReducers.resubmit),
    reject: assignFrom(caseReducers.reject),
    withdraw: assignFrom(caseReducers.withdraw),
    supplyMaterial: assignFrom(caseReducers.supplyMaterial),
    expireSupplement: assignFrom(caseReducers.expireSupplement),
    setItemStatus: assignFrom(caseReducers.setItemStatus),
    endItem: assignFrom(caseReducers.endItem),
    endForFailedDependency: assignFrom(caseReducers.endForFailedDependency),
    endForMissingMaterials: assignFrom(caseReducers.endForMissingMaterials),
    denyItem: assignFrom(caseReducers.denyItem),
    grantOnPledge: assignFrom(caseReducers.grantOnPledge),
    recordLicences: assignFrom(caseReducers.recordLicences),
    revokeItem: assignFrom(caseReducers.revokeItem),
    recordDelivery: assignFrom(caseReducers.recordDelivery),
    recordRating: assignFrom(caseReducers.recordRating),
  },
});

type MachineConfig = Parameters<typeof caseSetup.createMachine>[0];

/** Guard and action names the runtime implements: the compiler may reference only these. */
export const IMPLEMENTED_GUARDS: readonly string[] = Object.keys(caseGuards);
export const IMPLEMENTED_ACTIONS: readonly string[] = [
  'effect',
  'noop',
  ...Object.keys(caseReducers),
];

export function createBundleMachine(machineJson: MachineJson) {
  const template = deepFreeze(structuredClone(machineJson.context ?? {}) as CaseContext);
  const config = {
    ...structuredClone(machineJson),
    // The JSON holds the empty context; the applicant's answers and pledges come as input.
    context: ({ input }: { input?: CaseInput }): CaseContext =>
      // No input: XState's `transition()` builds an initial snapshot that it never uses
      // (the eager start of its inert actor), once per call. Hand it the frozen template
      // rather than a copy, and no TypeError to throw and catch.
      input === undefined
        ? template
        : {
            ...structuredClone(template),
            answers: { ...input.answers },
            pledged: [...new Set(input.pledged ?? [])],
          },
  } as unknown as MachineConfig;
  return caseSetup.createMachine(config);
}

export type BundleMachine = ReturnType<typeof createBundleMachine>;

/** `value` and everything in it made read-only: the template is shared, never changed. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
export type CaseSnapshot = SnapshotFrom<BundleMachine>;

/** The effects among the actions `transition()` / `initialTransition()` returned, in order. */
export function effectsOf(actions: readonly { type: string; params?: unknown }[]): CaseEffect[] {
  return actions
    .filter((action) => action.type === 'effect')
    .map((action) => action.params as CaseEffect);
}

/** A persisted snapshot as stored (JSON): the public fields the machine needs to continue. */
export interface PersistedCaseSnapshot {
  value: CaseSnapshot['value'];
  context: CaseContext;
  status?: CaseSnapshot['status'];
}

/**
 * Rebuilds a full snapshot from its persisted JSON, ready for `transition()`. The one place
 * that knows how XState restores state: a future major version changes only this.
 */
export function restoreCaseSnapshot(
  machine: BundleMachine,
  persisted: PersistedCaseSnapshot,
): CaseSnapshot {
  return machine.resolveState({
    value: persisted.value,
    context: persisted.context,
    ...(persisted.status === undefined ? {} : { status: persisted.status }),
  });
}

/** Compiled machines by key (`bundle code @ version`): a published version never changes. */
export const machineCache = new Map<string, BundleMachine>();

export function getBundleMachine(key: string, machineJson: MachineJson): BundleMachine {
  let machine = machineCache.get(key);
  if (!machine) {
    machine = createBundleMachine(machineJson);
    machineCache.set(key, machine);
  }
  return machine;
}
