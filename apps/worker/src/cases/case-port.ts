import type { EntityManager } from 'typeorm';
import type { CaseContext, CaseEvent } from '@onevisit/definitions';

/** What the worker needs to know of a case (a subset of the engine's CaseView). */
export interface CaseRecord {
  id: string;
  version: number;
  status: string;
  context: CaseContext;
  applicantSub: string;
  bundleCode: string;
  bundleVersion: number;
}

export interface SystemActor {
  kind: 'system';
  source: string;
}

/**
 * The case engine as the worker sees it: read a case, send it an event. Bound to the
 * engine's `CaseService`; tests may bind a stand-in. Errors keep the engine's meaning:
 * `CaseEventRejected` (the case moved on) and `StaleCaseVersion` (lost a race: retry).
 */
export interface CasePort {
  get(caseId: string): Promise<CaseRecord>;
  apply(
    caseId: string,
    event: CaseEvent,
    actor: SystemActor,
    options?: { expectedVersion?: number },
  ): Promise<CaseRecord>;
  /**
   * Runs `decide` in the case's transaction, under its row lock: it may write with the
   * manager (joined by services that run their own transactions) and returns the events
   * reporting that work, applied in order, or none. Returns the committed case, or null.
   */
  applyDecided(
    caseId: string,
    decide: (record: CaseRecord, manager: EntityManager) => Promise<readonly CaseEvent[]>,
    actor: SystemActor,
  ): Promise<CaseRecord | null>;
}

export const CASE_PORT = Symbol('CasePort');
