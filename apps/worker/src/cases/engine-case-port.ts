import { Injectable } from '@nestjs/common';
import type { CaseContext, CaseEvent } from '@onevisit/definitions';
import { CaseService } from '@onevisit/engine';
import type { CaseEntity } from '@onevisit/persistence';
import type { LicenceIssueItem } from '@onevisit/queues';
import type {
  CasePort,
  CaseRecord,
  RecordDecision,
  RecordDecisionOptions,
  SystemActor,
} from './case-port.js';

/**
 * The worker's `CasePort` on the case engine. Jobs need the form answers (holder,
 * phone), which the tracking view leaves out, so reads take the case row itself.
 */
@Injectable()
export class EngineCasePort implements CasePort {
  constructor(private readonly cases: CaseService) {}

  async get(caseId: string): Promise<CaseRecord> {
    return recordOf(await this.cases.load(caseId));
  }

  async apply(
    caseId: string,
    event: CaseEvent,
    actor: SystemActor,
    options?: { expectedVersion?: number },
  ): Promise<CaseRecord> {
    // The committed row itself: no tracking view, no second read.
    return recordOf(await this.cases.applyToRow(caseId, event, actor, options));
  }

  async applyDecided(
    caseId: string,
    decide: RecordDecision,
    actor: SystemActor,
    { followUp, readWithLock }: RecordDecisionOptions = {},
  ): Promise<CaseRecord | null> {
    const committed = await this.cases.applyDecided(
      caseId,
      (row, manager) => decide(recordOf(row), manager),
      actor,
      {
        ...(followUp && {
          followUp: {
            decide: (row, manager) => followUp.decide(recordOf(row), manager),
            actor: followUp.actor,
          },
        }),
        ...(readWithLock && { readWithLock }),
      },
    );
    return committed && recordOf(committed);
  }

  async licencesRequestedBy(
    record: CaseRecord,
    events: readonly CaseEvent[],
    actor: SystemActor,
  ): Promise<LicenceIssueItem[]> {
    const row = rowsOfRecords.get(record);
    if (!row) throw new Error(`case ${record.id}: a preview needs the record as get read it`);
    return this.cases.licencesRequestedBy(row, events, actor);
  }
}

/** The row each record was made from, for previews: records stay plain data. */
const rowsOfRecords = new WeakMap<CaseRecord, CaseEntity>();

function recordOf(row: CaseEntity): CaseRecord {
  const record: CaseRecord = {
    id: row.id,
    version: row.version,
    status: row.status,
    context: (row.snapshot as { context: CaseContext }).context,
    applicantSub: row.applicantSub,
    bundleCode: row.bundleCode,
    bundleVersion: row.bundleVersion,
  };
  rowsOfRecords.set(record, row);
  return record;
}
