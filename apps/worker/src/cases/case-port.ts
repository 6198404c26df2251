import type { EntityManager } from 'typeorm';
import type { CaseContext, CaseEvent } from '@onevisit/definitions';
import type { LicenceIssueItem } from '@onevisit/queues';

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
   * reporting that work, applied in order, or none. `followUp`, when given, may then add
   * events, as its own actor, to the same transaction; `readWithLock` starts reads that
   * go out with the row lock. Returns the committed case, or null.
   */
  applyDecided(
    caseId: string,
    decide: RecordDecision,
    actor: SystemActor,
    options?: RecordDecisionOptions,
  ): Promise<CaseRecord | null>;
  /**
   * The licences that `actor` sending `events` to the case as `record` (read by `get`)
   * holds it would ask to issue; nothing is written. A job that will issue them in its own
   * case transaction (`followUp`) reserves their numbers first.
   */
  licencesRequestedBy(
    record: CaseRecord,
    events: readonly CaseEvent[],
    actor: SystemActor,
  ): Promise<LicenceIssueItem[]>;
}

/**
 * Chooses, under the case's row lock, the events to apply (none: write nothing), after
 * doing with `manager` the work they report. As a `followUp`, `record` is the case as the
 * decision's events leave it, not yet written.
 */
export type RecordDecision = (
  record: CaseRecord,
  manager: EntityManager,
) => Promise<readonly CaseEvent[]>;

/** What a job adds to a decision's transaction (see `CasePort.applyDecided`). */
export interface RecordDecisionOptions {
  followUp?: { decide: RecordDecision; actor: SystemActor };
  /** Starts reads with the manager as the row lock is sent: they share its round trip. */
  readWithLock?: (manager: EntityManager) => void;
}

export const CASE_PORT = Symbol('CasePort');
