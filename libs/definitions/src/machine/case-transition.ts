/**
 * The case machine's pure transitions, as XState's `initialTransition()` and `transition()`
 * compute them, without the cost those helpers pay on every call: each makes a new inert
 * actor, and the actor's constructor computes the machine's initial snapshot (entering
 * every region), which the call never uses. Measured, that was over half of
 * `transition()`'s time, and half of `initialTransition()`'s (which then computes the
 * initial snapshot a second time, its own).
 *
 * Bundle machines invoke, spawn and schedule nothing (their effects are actions the
 * engine reads), so one inert scope per machine serves every call; only the collector of
 * the actions changes, set right before the synchronous `machine.transition`.
 */
import { type ActorScope, createActor, type ExecutableActionObject } from 'xstate';
import type { CaseEvent, CaseInput } from './case-machine.types.js';
import type { BundleMachine, CaseSnapshot } from './create-bundle-machine.js';

type CaseActorScope = ActorScope<CaseSnapshot, CaseEvent>;

const scopes = new WeakMap<BundleMachine, CaseActorScope>();

function scopeOf(machine: BundleMachine): CaseActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    // No input: this actor's own initial snapshot is never used, and the context factory
    // hands it the frozen template.
    const self = createActor(machine, { input: undefined });
    scope = {
      self,
      id: '',
      sessionId: '',
      system: self.system,
      logger: () => undefined,
      defer: () => undefined,
      emit: () => undefined,
      stopChild: () => undefined,
      actionExecutor: () => undefined,
    };
    scopes.set(machine, scope);
  }
  return scope;
}

/** The next snapshot and the actions (effects among them) that `event` causes. */
export function transitionCase(
  machine: BundleMachine,
  snapshot: CaseSnapshot,
  event: CaseEvent,
): [CaseSnapshot, ExecutableActionObject[]] {
  return collectingActions(machine, (scope) => machine.transition(snapshot, event, scope));
}

/** A new case's first snapshot from its `input`, and the actions (effects) of entering it. */
export function startCase(
  machine: BundleMachine,
  input: CaseInput,
): [CaseSnapshot, ExecutableActionObject[]] {
  return collectingActions(machine, (scope) => machine.getInitialSnapshot(scope, input));
}

function collectingActions(
  machine: BundleMachine,
  step: (scope: CaseActorScope) => CaseSnapshot,
): [CaseSnapshot, ExecutableActionObject[]] {
  const actions: ExecutableActionObject[] = [];
  const scope = scopeOf(machine);
  scope.actionExecutor = (action) => {
    actions.push(action);
  };
  try {
    return [step(scope), actions];
  } finally {
    scope.actionExecutor = () => undefined;
  }
}
