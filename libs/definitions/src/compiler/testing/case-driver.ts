/**
 * Drives a case machine the way the engine will: pure `initialTransition` / `transition`
 * on a snapshot, collecting the effects each step returns. Every step is also computed by
 * the engine's `startCase` / `transitionCase` and must come out the same. For tests only.
 */
import { initialTransition, transition } from 'xstate';
import type { BundleMachine, CaseSnapshot } from '../../machine/create-bundle-machine.js';
import { effectsOf } from '../../machine/create-bundle-machine.js';
import { startCase, transitionCase } from '../../machine/case-transition.js';
import type { CaseEffect, CaseEvent, CaseInput } from '../../machine/case-machine.types.js';

export class CaseDriver {
  snapshot: CaseSnapshot;
  effects: CaseEffect[];

  constructor(
    readonly machine: BundleMachine,
    input: CaseInput,
  ) {
    const [snapshot, actions] = initialTransition(machine, input);
    const [engineSnapshot, engineActions] = startCase(machine, input);
    if (stepOf(snapshot, actions) !== stepOf(engineSnapshot, engineActions)) {
      throw new Error(`start: startCase differs from XState's initialTransition()`);
    }
    this.snapshot = snapshot;
    this.effects = effectsOf(actions);
  }

  /** Sends an event the current state must accept; returns its effects. */
  send(event: CaseEvent): CaseEffect[] {
    if (!this.snapshot.can(event)) {
      throw new Error(`${event.type} refused in ${JSON.stringify(this.snapshot.value)}`);
    }
    const [next, actions] = transition(this.machine, this.snapshot, event);
    const [engineNext, engineActions] = transitionCase(this.machine, this.snapshot, event);
    if (stepOf(next, actions) !== stepOf(engineNext, engineActions)) {
      throw new Error(`${event.type}: transitionCase differs from XState's transition()`);
    }
    this.snapshot = next;
    this.effects = effectsOf(actions);
    return this.effects;
  }

  accepts(event: CaseEvent): boolean {
    return this.snapshot.can(event);
  }

  get value(): Record<string, unknown> {
    return this.snapshot.value;
  }

  caseState(): unknown {
    return this.value.case;
  }

  itemState(key: string): unknown {
    return (this.value.items as Record<string, unknown>)[key];
  }

  item(code: string) {
    return this.snapshot.context.items[code];
  }

  /** Review done, procedures done, approved and (when it issues licences) licence issued. */
  completeItem(code: string, procedures: number, licenceTypes: string[]): void {
    this.send({ type: 'REVIEW_DONE', item: code });
    for (let i = 0; i < procedures; i++) this.send({ type: 'PROCEDURE_DONE', item: code });
    this.send({ type: 'APPROVE', item: code });
    if (licenceTypes.length > 0) {
      this.send({
        type: 'LICENCE_ISSUED',
        item: code,
        licences: licenceTypes.map((type, i) => ({ type, number: `${type}-${i + 1}` })),
      });
    }
  }
}

/** What a step must agree on, whichever function computed it. */
function stepOf(snapshot: CaseSnapshot, actions: Parameters<typeof effectsOf>[0]): string {
  return JSON.stringify({
    value: snapshot.value,
    context: snapshot.context,
    status: snapshot.status,
    effects: effectsOf(actions),
  });
}
