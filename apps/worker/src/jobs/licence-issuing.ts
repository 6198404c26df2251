import { Injectable } from '@nestjs/common';
import type { CaseEvent, LicenceType } from '@onevisit/definitions';
import type { EntityManager } from 'typeorm';
import {
  type IssuedLicences,
  LicenceIssuer,
  type LicenceHolder,
  licenceHolderFromAnswers,
  type ReservedNumbers,
} from '@onevisit/licences';
import type { LicenceIssueItem } from '@onevisit/queues';
import type { CaseRecord, SystemActor } from '../cases/case-port.js';
import { PublishedBundles } from '../cases/published-bundles.js';

export type BundleRef = { code: string; version: number };

/** Who records issued licences in a case's trail, whichever job issued them. */
export const LICENCE_ACTOR: SystemActor = { kind: 'system', source: 'worker:licences' };

/** Item statuses in which the machine waits for LICENCE_ISSUED. */
const AWAITING_LICENCE = new Set(['issuing', 'committed']);

/** Licences made ready outside a case transaction, to be issued inside one. */
export interface PreparedLicences {
  caseId: string;
  items: { item: string; licenceTypes: LicenceType[] }[];
  reserved: ReservedNumbers;
  issuedAt: Date;
  /** The licences the case held, read with its row lock (`readWithLock`). */
  issued?: IssuedLicences;
}

/**
 * Issuing the licences of approved items in two halves: `prepare`, outside any
 * transaction (licence types as the case's bundle version froze them, seal keys, running
 * numbers taken and committed at once so no case transaction holds a counter row), then
 * `issueIn`, inside the case's transaction under its row lock, which issues what the case
 * still awaits and returns the LICENCE_ISSUED events that record it. The licence job uses
 * both; so does the identity check, when its answer approves items (秒批) and their
 * licences can go out in the same transaction.
 */
@Injectable()
export class LicenceIssuing {
  constructor(
    private readonly bundles: PublishedBundles,
    private readonly issuer: LicenceIssuer,
  ) {}

  async prepare(
    caseId: string,
    bundle: BundleRef,
    requested: readonly LicenceIssueItem[],
  ): Promise<PreparedLicences> {
    const resolved = await this.bundles.resolved(bundle.code, bundle.version);
    const items = requested.map((request) => ({
      item: request.item,
      licenceTypes: request.licenceTypes.map((code) => {
        const type = resolved.licenceTypes.find((candidate) => candidate.code === code);
        if (!type)
          throw new Error(`licence type ${code} is not in ${bundle.code}@${bundle.version}`);
        return type;
      }),
    }));
    const allTypes = items.flatMap((item) => item.licenceTypes);
    await this.issuer.prepare(allTypes);
    const issuedAt = new Date();
    const reserved = await this.issuer.reserveNumbers(allTypes, issuedAt);
    return { caseId, items, reserved, issuedAt };
  }

  /**
   * For the case transaction that will `issueIn` these licences: starts the read of the
   * licences the case holds as its row lock is sent (see `CasePort.applyDecided`), so
   * that issuing costs no round trip of its own before its insert.
   */
  readWithLock(prepared: PreparedLicences): (manager: EntityManager) => void {
    return (manager) => {
      prepared.issued = this.issuer.readIssued(manager, prepared.caseId);
    };
  }

  /**
   * Inside the case's transaction: issues the prepared licences of the items the case
   * still awaits and not yet recorded (a second run finds them recorded), and returns one
   * LICENCE_ISSUED per item issued. Why any item was left out goes to `skipped`.
   */
  async issueIn(
    record: CaseRecord,
    prepared: PreparedLicences,
    skipped: string[],
  ): Promise<CaseEvent[]> {
    const wanted = prepared.items.filter(({ item, licenceTypes }) => {
      const status = record.context.items[item]?.status;
      if (status === undefined || !AWAITING_LICENCE.has(status)) {
        skipped.push(`item ${item} is ${status ?? 'unknown'}, not waiting for a licence`);
        return false;
      }
      if (recordedAll(record, item, licenceTypes)) {
        skipped.push(`licences of ${item} already recorded`);
        return false;
      }
      return true;
    });
    if (wanted.length === 0) return [];
    const holder = holderOf(record);
    // The issuer's own transaction joins the case's.
    const issued = await this.issuer.issueItems(
      wanted.map(({ item, licenceTypes }) => ({
        caseId: prepared.caseId,
        item,
        licenceTypes,
        holder,
        issuedAt: prepared.issuedAt,
        reserved: prepared.reserved,
      })),
      prepared.issued,
    );
    return wanted.map(({ item }, index): CaseEvent => ({
      type: 'LICENCE_ISSUED',
      item,
      licences: (issued[index] ?? []).map((licence) => ({
        type: licence.type,
        number: licence.number,
      })),
    }));
  }
}

/**
 * The licence holder from the answers. Answers are validated at submission, so a case
 * without them has a definition that lacks the applicant fields: no retry will fix it,
 * but an incident will show it to an admin.
 */
function holderOf(record: CaseRecord): LicenceHolder {
  const holder = licenceHolderFromAnswers(record.context.answers);
  if (!holder) throw new Error(`case ${record.id}: no holder name and ID in the answers`);
  return holder;
}

/** Whether the case already holds a number for every licence type of the item. */
function recordedAll(record: CaseRecord, item: string, licenceTypes: LicenceType[]): boolean {
  const recorded = record.context.licences.filter(
    (licence) => licence.item === item && licence.number !== null,
  );
  return licenceTypes.every((type) => recorded.some((licence) => licence.type === type.code));
}
