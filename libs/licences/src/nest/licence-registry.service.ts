import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { CaseEntity, LicenceEntity, TransactionRunner } from '@onevisit/persistence';
import { maskName } from '@onevisit/integrations';
import type { LicenceContent } from '../licence-content.js';
import { verificationResult, type LicenceVerification } from '../licence-verification.js';
import { DepartmentKeyStore } from './department-key.store.js';
import { LicenceHolderCipher } from './licence-holder-cipher.js';

/** What the public verification answers: enough to compare with the paper, no more. */
export interface LicenceCheck {
  number: string;
  type: string;
  /** Masked: the verifier holds the licence, the endpoint must not reveal the holder. */
  holderName: string;
  issuer: string;
  issuedAt: string;
  validUntil: string | null;
  status: LicenceVerification;
}

/** Looks licences up and verifies them against the issuing department's public key. */
@Injectable()
export class LicenceRegistry {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly keys: DepartmentKeyStore,
    private readonly cipher: LicenceHolderCipher,
  ) {}

  /** The licence opened: the holder's ID number decrypted, as the seal covers it. */
  async findByNumber(number: string): Promise<LicenceEntity | null> {
    const row = await this.tx.dataSource.getRepository(LicenceEntity).findOneBy({ number });
    return row && this.cipher.open(row);
  }

  /**
   * The licences an applicant holds: issued in their own cases, or in their name (their
   * subject id being their ID number, as the unified identity platform issues it).
   */
  async heldByApplicant(applicantSub: string): Promise<LicenceEntity[]> {
    const manager = this.tx.dataSource.manager;
    const cases = await manager.find(CaseEntity, {
      where: { applicantSub },
      select: { id: true },
    });
    const rows = await manager.find(LicenceEntity, {
      where: [
        // holder_id is a keyed hash: the ID number itself is never stored in clear.
        { holderId: this.cipher.lookupKey(applicantSub) },
        ...(cases.length > 0 ? [{ caseId: In(cases.map((row) => row.id)) }] : []),
      ],
      order: { issuedAt: 'DESC' },
    });
    return rows.map((row) => this.cipher.open(row));
  }

  /**
   * A stored licence, checked as stored (after decrypting the holder's ID number):
   * tampering with the row shows as forged. Null if unknown.
   */
  async verifyNumber(number: string, now = new Date()): Promise<LicenceCheck | null> {
    const row = await this.findByNumber(number);
    if (!row) return null;
    return this.check(row.content, row.seal, row.revokedAt, now);
  }

  /**
   * An offline copy (content + seal) as presented. The register is asked only whether
   * that number was revoked; a number we never issued cannot be revoked, and its seal
   * decides alone.
   */
  async verifyCopy(content: LicenceContent, seal: string, now = new Date()): Promise<LicenceCheck> {
    const row = await this.findByNumber(content.number);
    return this.check(content, seal, row?.revokedAt ?? null, now);
  }

  private async check(
    content: LicenceContent,
    seal: string,
    revokedAt: Date | null,
    now: Date,
  ): Promise<LicenceCheck> {
    const key = await this.keys.find(content.issuer);
    const status: LicenceVerification = key
      ? verificationResult(content, seal, key.publicKey, revokedAt, now)
      : 'forged';
    return {
      number: content.number,
      type: content.type,
      holderName: maskName(content.holder.name),
      issuer: content.issuer,
      issuedAt: content.issuedAt,
      validUntil: content.validUntil,
      status,
    };
  }
}
