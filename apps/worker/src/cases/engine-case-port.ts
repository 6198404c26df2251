import { Injectable } from '@nestjs/common';
import type { CaseContext, CaseEvent } from '@onevisit/definitions';
import { CaseService } from '@onevisit/engine';
import type { CaseEntity } from '@onevisit/persistence';
import type { EntityManager } from 'typeorm';
import type { CasePort, CaseRecord, SystemActor } from './case-port.js';

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
    decide: (record: CaseRecord, manager: EntityManager) => Promise<readonly CaseEvent[]>,
    actor: SystemActor,
  ): Promise<CaseRecord | null> {
    const committed = await this.cases.applyDecided(
      caseId,
      (row, manager) => decide(recordOf(row), manager),
      actor,
    );
    return committed && recordOf(committed);
  }
}

function recordOf(row: CaseEntity): CaseRecord {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    context: (row.snapshot as { context: CaseContext }).context,
    applicantSub: row.applicantSub,
    bundleCode: row.bundleCode,
    bundleVersion: row.bundleVersion,
  };
}
