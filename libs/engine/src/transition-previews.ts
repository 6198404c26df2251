import type { CaseEvent, CaseSnapshot } from '@onevisit/definitions';
import type { Actor } from './actor.js';

/** Transitions computed from one version of a case, for a transaction on that version. */
export interface TransitionPreview<Step> {
  first: CaseSnapshot;
  steps: readonly Step[];
}

interface Remembered<Step> extends TransitionPreview<Step> {
  caseId: string;
  version: number;
  actor: Actor;
  events: readonly CaseEvent[];
}

/**
 * A worker that previews what its events will do (to reserve licence numbers outside the
 * case transaction) computes the same transitions the transaction then computes again:
 * the same events, by the same actor, on the same version of the same case. Transitions
 * are pure functions of those, so the transaction may take the preview's instead, when
 * all four are the very ones the preview saw: the events by identity, the case by id and
 * version (a version moved on by another writer means computing afresh). Kept by the
 * first event object, so a preview nobody takes up goes with its job.
 */
export class TransitionPreviews<Step> {
  private readonly byFirstEvent = new WeakMap<CaseEvent, Remembered<Step>>();

  remember(
    caseId: string,
    version: number,
    actor: Actor,
    events: readonly CaseEvent[],
    preview: TransitionPreview<Step>,
  ): void {
    if (events.length === 0) return;
    this.byFirstEvent.set(events[0], { caseId, version, actor, events: [...events], ...preview });
  }

  /** The preview of exactly these events on this version of the case, if one was made. */
  take(
    caseId: string,
    version: number,
    actor: Actor,
    events: readonly CaseEvent[],
  ): TransitionPreview<Step> | undefined {
    if (events.length === 0) return undefined;
    const found = this.byFirstEvent.get(events[0]);
    const same =
      found !== undefined &&
      found.caseId === caseId &&
      found.version === version &&
      found.actor === actor &&
      found.events.length === events.length &&
      found.events.every((event, index) => event === events[index]);
    return same ? { first: found.first, steps: found.steps } : undefined;
  }
}
