import { CaseEventRejected, StaleCaseVersion } from '@onevisit/engine';

/**
 * The case moved on: the event is no longer accepted, and a job meeting this is a no-op.
 * Its sibling `StaleCaseVersion` (lost a race) is retried by the job or left to BullMQ.
 */
export function isEventRejected(error: unknown): boolean {
  return error instanceof CaseEventRejected;
}

/** Another writer changed the case between our read and our write (optimistic concurrency). */
export function isStaleVersion(error: unknown): boolean {
  return error instanceof StaleCaseVersion;
}

/**
 * A random pause before retrying a lost race, growing with the attempt (about 2, 4, 8 … ms,
 * capped at 50): writers of one case row spread out instead of colliding again in step.
 */
export function jitterMs(attempt: number): number {
  const ceiling = Math.min(50, 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
