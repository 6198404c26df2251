import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CaseEvent } from '@onevisit/definitions';
import { CASE_PORT, type CasePort, type CaseRecord } from './case-port.js';
import { isEventRejected } from './case-outcome.js';

/**
 * Sends a job's result back into its case. An event the case no longer accepts means the
 * case moved on (withdrawn, already done by an earlier run of this job): a logged no-op
 * that completes the job. A stale version, or anything else, is thrown for BullMQ to retry.
 * A job that decided to send on what it read passes that version as `expectedVersion`.
 */
@Injectable()
export class CaseEventsSender {
  private readonly logger = new Logger(CaseEventsSender.name);

  constructor(@Inject(CASE_PORT) private readonly cases: CasePort) {}

  async send(
    jobId: string,
    caseId: string,
    event: CaseEvent,
    source: string,
    options: { expectedVersion?: number } = {},
  ): Promise<CaseRecord | null> {
    try {
      return await this.cases.apply(caseId, event, { kind: 'system', source }, options);
    } catch (error) {
      if (!isEventRejected(error)) throw error;
      this.logger.log(
        `job ${jobId}: case ${caseId} no longer accepts ${event.type} (${(error as Error).message}); no-op`,
      );
      return null;
    }
  }
}
