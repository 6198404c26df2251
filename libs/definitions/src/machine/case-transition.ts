/**
 * The case machine's pure transition, as XState's `transition()` computes it, without the
 * cost that helper pays on every call: it makes a new inert actor each time, and the
 * actor's constructor computes the machine's initial snapshot (entering every region),
 * which the call never uses. Measured, that was over half of the helper's time.
 *
 * Bundle machines invoke, spawn and schedule nothing (their effects are actions the
 * engine reads), so one inert scope per machine serves every call; only the collector of
 * the actions changes, set right before the synchronous `machine.transition`.
 */
import { type ActorScope, createActor, type ExecutableActionObject } from 'xstate';
import type { CaseEvent } from './case-machine.types.js';
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
  const actions: ExecutableActionObject[] = [];
  const scope = scopeOf(machine);
  scope.actionExecutor = (action) => {
    actions.push(action);
  };
  try {
    return [machine.transition(snapshot, event, scope), actions];
  } finally {
    scope.actionExecutor = () => undefined;
  }
}
