import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { type EntityManager, In, IsNull } from 'typeorm';
import { calendarDateOf } from '@onevisit/calendar';
import type { LicenceType } from '@onevisit/definitions';
import { fixedSelect, LicenceEntity, rowWriterOf, TransactionRunner } from '@onevisit/persistence';
import type { LicenceContent, LicenceHolder } from '../licence-content.js';
import { licenceNumber } from '../licence-number.js';
import { sealLicence } from '../licence-seal.js';
import { holderIdOf, licencePrefixOf, validUntilOf } from '../licence-terms.js';
import { DepartmentKeyStore, type SigningKey } from './department-key.store.js';
import { LicenceHolderCipher } from './licence-holder-cipher.js';
import { nextLicenceSequence, takeLicenceSequences } from './licence-sequence.js';
import { isUniqueViolation } from './unique-violation.js';

export interface IssueLicencesRequest {
  caseId: string;
  item: string;
  /** The licence types to issue, as frozen in the case's published bundle version. */
  licenceTypes: LicenceType[];
  holder: LicenceHolder;
  /** Defaults to now; tests pin it. */
  issuedAt?: Date;
  /**
   * Running numbers taken beforehand (`reserveNumbers`) for `issuedAt`'s day, by licence
   * type; each is used once (taken off its list).
   */
  reserved?: ReservedNumbers;
}

/** Running numbers taken ahead of issuing, by licence type code, in increasing order. */
export type ReservedNumbers = Map<string, number[]>;

/** The licences one case held when read (`readIssued`), as stored. */
export interface IssuedLicences {
  caseId: string;
  rows: Promise<LicenceEntity[]>;
}

/**
 * Every licence of a case, as fixed SQL (served by the (case_id, item, type) index): the
 * licence job reads them to find what an earlier run already issued.
 */
const licencesOfCase = fixedSelect(LicenceEntity, (p) => `WHERE "case_id" = ${p(1)}`);

/** Two runs of one job inserting the same licence at once: the loser tries again and finds it. */
const NUMBER_ATTEMPTS = 8;

/**
 * Issues and revokes electronic licences. Issuing is idempotent by (case, item, type):
 * running it again returns the licences already made, unchanged.
 */
@Injectable()
export class LicenceIssuer {
  private readonly logger = new Logger(LicenceIssuer.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly keys: DepartmentKeyStore,
    private readonly cipher: LicenceHolderCipher,
  ) {}

  /**
   * Makes sure the issuers' seal keys are made and cached. Call it outside a transaction,
   * before issuing inside one: the keys then come from memory there.
   */
  async prepare(licenceTypes: LicenceType[]): Promise<void> {
    for (const issuer of new Set(licenceTypes.map((type) => type.issuer))) {
      await this.keys.keyFor(issuer);
    }
  }

  /**
   * Takes the running numbers of these types (one per type listed, a type listed twice
   * gets two) for `issuedAt`'s day, in one statement of its own, committed at once.
   * Issuing inside a longer transaction (the case's) then holds no counter row: otherwise
   * every licence of a type, in every case, would wait for the case transaction before it
   * to commit. A number reserved by a job that then has nothing to issue is skipped:
   * numbers are unique and increasing, not gapless. Call it outside a transaction.
   */
  async reserveNumbers(licenceTypes: LicenceType[], issuedAt: Date): Promise<ReservedNumbers> {
    const day = calendarDateOf(issuedAt).replaceAll('-', '');
    const counts = new Map<string, number>();
    for (const type of licenceTypes) {
      const prefix = licencePrefixOf(type.code);
      counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    }
    const taken = await this.tx.runStatement((manager) =>
      takeLicenceSequences(manager, day, counts),
    );
    const reserved: ReservedNumbers = new Map();
    for (const type of licenceTypes) {
      const number = taken.get(licencePrefixOf(type.code))?.shift();
      if (number !== undefined)
        reserved.set(type.code, [...(reserved.get(type.code) ?? []), number]);
    }
    return reserved;
  }

  /** The licences, opened: the holder's ID number in clear (it is stored encrypted). */
  async issue(request: IssueLicencesRequest): Promise<LicenceEntity[]> {
    const [issued] = await this.issueItems([request]);
    return issued ?? [];
  }

  /**
   * Starts reading, with `manager`, the licences `caseId` holds, for an `issueItems` of
   * that case in the same transaction: a caller that starts it with the case's row lock
   * (sent together) saves the issuer a round trip of its own. Never rejects unhandled.
   */
  readIssued(manager: EntityManager, caseId: string): IssuedLicences {
    const rows = licencesOfCase(manager, [caseId]);
    rows.catch(() => undefined);
    return { caseId, rows };
  }

  /**
   * The licences of several items of one case, by request, opened. One read finds those
   * already issued (a re-run job), one insert writes the rest. `heldAhead`, read by
   * `readIssued` in the same transaction, stands for that read on the first attempt.
   */
  async issueItems(
    requests: IssueLicencesRequest[],
    heldAhead?: IssuedLicences,
  ): Promise<LicenceEntity[][]> {
    const keys = new Map<string, SigningKey>();
    for (const type of requests.flatMap((request) => request.licenceTypes)) {
      if (!keys.has(type.issuer)) keys.set(type.issuer, await this.keys.keyFor(type.issuer));
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tx.run(async (manager) => {
          const existing: LicenceEntity[] = [];
          for (const caseId of new Set(requests.map((request) => request.caseId))) {
            // A retry after a collision reads again: the read ahead predates the other run's insert.
            const readAhead =
              attempt === 1 && heldAhead?.caseId === caseId ? heldAhead.rows : undefined;
            existing.push(...(await (readAhead ?? licencesOfCase(manager, [caseId]))));
          }
          const found = (request: IssueLicencesRequest, type: LicenceType) =>
            existing.find(
              (row) =>
                row.caseId === request.caseId &&
                row.item === request.item &&
                row.type === type.code,
            );
          const made: LicenceEntity[] = [];
          const issued: LicenceEntity[][] = [];
          for (const request of requests) {
            const licences: LicenceEntity[] = [];
            for (const type of request.licenceTypes) {
              const row = found(request, type);
              if (row) {
                licences.push(this.cipher.open(row));
                continue;
              }
              // A reserved number is used once: a retry after a collision takes a fresh one.
              const reserved =
                attempt === 1 ? request.reserved?.get(type.code)?.shift() : undefined;
              const key = keys.get(type.issuer) as SigningKey;
              const licence = await this.made(manager, request, type, key, reserved);
              made.push(licence);
              licences.push(licence);
            }
            issued.push(licences);
          }
          await rowWriterOf(manager, LicenceEntity).insert(
            manager,
            made.map((row) => this.cipher.seal(row)),
          );
          for (const row of made) {
            this.logger.log(`licence ${row.number} (${row.type}) issued for case ${row.caseId}`);
          }
          return issued;
        });
      } catch (error) {
        // Another run of this job inserted a licence (or a number was taken outside the
        // counter): the next attempt finds that licence or takes a fresh number.
        if (!isUniqueViolation(error) || attempt >= NUMBER_ATTEMPTS) throw error;
      }
    }
  }

  /** Marks the item's licences revoked; returns how many were not revoked before. */
  async revoke(caseId: string, item: string, types: string[], reason: string): Promise<number> {
    const result = await this.tx.run((manager) =>
      manager.update(
        LicenceEntity,
        { caseId, item, type: In(types), revokedAt: IsNull() },
        { revokedAt: new Date(), revokeReason: reason.slice(0, 512) },
      ),
    );
    return result.affected ?? 0;
  }

  /** A new licence, numbered and sealed, not yet written. */
  private async made(
    manager: EntityManager,
    request: IssueLicencesRequest,
    type: LicenceType,
    key: SigningKey,
    reserved: number | undefined,
  ): Promise<LicenceEntity> {
    const issuedAt = request.issuedAt ?? new Date();
    const day = calendarDateOf(issuedAt);
    const prefix = licencePrefixOf(type.code);
    const sequence =
      reserved ?? (await nextLicenceSequence(manager, prefix, day.replaceAll('-', '')));
    const content: LicenceContent = {
      number: licenceNumber(prefix, day, sequence),
      type: type.code,
      holder: request.holder,
      issuer: type.issuer,
      issuedAt: issuedAt.toISOString(),
      validFrom: day,
      validUntil: validUntilOf(day, type.validityYears),
      caseId: request.caseId,
      item: request.item,
    };
    return {
      id: randomUUID(),
      number: content.number,
      type: type.code,
      holder: request.holder,
      holderId: holderIdOf(request.holder),
      issuer: type.issuer,
      content,
      seal: sealLicence(content, key.signingKey),
      keyFingerprint: key.fingerprint,
      caseId: request.caseId,
      item: request.item,
      issuedAt,
      validUntil: content.validUntil,
      revokedAt: null,
      revokeReason: null,
    };
  }
}
