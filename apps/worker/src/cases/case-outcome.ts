import { CaseEventRejected } from '@onevisit/engine';

/**
 * The case moved on: the event is no longer accepted, and a job meeting this is a no-op.
 * Its sibling `StaleCaseVersion` (lost a race) is left to propagate: BullMQ retries.
 */
export function isEventRejected(error: unknown): boolean {
  return error instanceof CaseEventRejected;
}
