import { ConflictException } from '@nestjs/common';
import type { AllowedEvent } from '@onevisit/definitions';

/** 409: the case's current state does not accept this event; the body lists the ones it does. */
export class CaseEventRejected extends ConflictException {
  constructor(
    readonly event: string,
    readonly state: unknown,
    readonly allowed: AllowedEvent[],
  ) {
    super({
      statusCode: 409,
      error: 'Conflict',
      code: 'event-not-allowed',
      message: `${event} is not allowed in the case's current state`,
      state,
      allowed,
    });
  }
}

/** 409: somebody else changed the case first (optimistic concurrency); reload and retry. */
export class StaleCaseVersion extends ConflictException {
  constructor(
    readonly caseId: string,
    readonly expectedVersion: number,
  ) {
    super({
      statusCode: 409,
      error: 'Conflict',
      code: 'stale-version',
      message: `Case ${caseId} is no longer at version ${expectedVersion}`,
      expectedVersion,
    });
  }
}
