import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { calendarDateOf } from '@onevisit/calendar';
import type { LicenceType } from '@onevisit/definitions';
import { LicenceEntity, rowWriterOf, TransactionRunner } from '@onevisit/persistence';
import type { LicenceContent, LicenceHolder } from '../licence-content.js';
import { licenceNumber } from '../licence-number.js';
import { sealLicence } from '../licence-seal.js';
import { holderIdOf, licencePrefixOf, validUntilOf } from '../licence-terms.js';
import { DepartmentKeyStore } from './department-key.store.js';
import { LicenceHolderCipher } from './licence-holder-cipher.js';
import { nextLicenceSequence } from './licence-sequence.js';
import { isUniqueViolation } from './unique-violation.js';

export interface IssueLicencesRequest {
  caseId: string;
  item: string;
  /** The licence types to issue, as frozen in the case's published bundle version. */
  licenceTypes: LicenceType[];
  holder: LicenceHolder;
  /** Defaults to now; tests pin it. */
  issuedAt?: Date;
  /** Running numbers taken beforehand (`reserveNumbers`), by licence type, for `issuedAt`'s day. */
  reserved?: ReadonlyMap<string, number>;
}

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
   * Takes the running number of each type for `issuedAt`'s day, each in a statement of
   * its own, committed at once. Issuing inside a longer transaction (the case's) then
   * holds no counter row: otherwise every licence of a type, in every case, would wait
   * for the case transaction before it to commit. A number reserved by a job that then
   * has nothing to issue is skipped: numbers are unique and increasing, not gapless.
   * Call it outside a transaction.
   */
  async reserveNumbers(
    licenceTypes: LicenceType[],
    issuedAt: Date,
  ): Promise<ReadonlyMap<string, number>> {
    const day = calendarDateOf(issuedAt).replaceAll('-', '');
    const reserved = new Map<string, number>();
    for (const type of licenceTypes) {
      const prefix = licencePrefixOf(type.code);
      reserved.set(
        type.code,
        await this.tx.runStatement((manager) => nextLicenceSequence(manager, prefix, day)),
      );
    }
    return reserved;
  }

  /** The licences, opened: the holder's ID number in clear (it is stored encrypted). */
  async issue(request: IssueLicencesRequest): Promise<LicenceEntity[]> {
    const issued: LicenceEntity[] = [];
    for (const type of request.licenceTypes) issued.push(await this.issueOne(request, type));
    return issued;
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

  private async issueOne(request: IssueLicencesRequest, type: LicenceType): Promise<LicenceEntity> {
    const key = await this.keys.keyFor(type.issuer);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tx.run(async (manager) => {
          const repository = manager.getRepository(LicenceEntity);
          const existing = await repository.findOneBy({
            caseId: request.caseId,
            item: request.item,
            type: type.code,
          });
          if (existing) return this.cipher.open(existing);

          const issuedAt = request.issuedAt ?? new Date();
          const day = calendarDateOf(issuedAt);
          const prefix = licencePrefixOf(type.code);
          // A reserved number is used once: a retry after a collision takes a fresh one.
          const reserved = attempt === 1 ? request.reserved?.get(type.code) : undefined;
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
          const row: LicenceEntity = {
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
          await rowWriterOf(manager, LicenceEntity).insert(manager, [this.cipher.seal(row)]);
          this.logger.log(`licence ${row.number} (${type.code}) issued for case ${request.caseId}`);
          return row;
        });
      } catch (error) {
        // Another run of this job inserted the licence (or a number was taken outside the
        // counter): the next attempt finds that licence or takes a fresh number.
        if (!isUniqueViolation(error) || attempt >= NUMBER_ATTEMPTS) throw error;
      }
    }
  }
}
