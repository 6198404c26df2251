import { createPrivateKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DepartmentKeyEntity, TransactionRunner } from '@onevisit/persistence';
import { generateDepartmentKeyPair } from '../department-keys.js';

/** A department's stored key pair with its private key parsed, ready to sign. */
export type SigningKey = DepartmentKeyEntity & { signingKey: KeyObject };

/**
 * One seal key pair per issuing department, made on its first licence. Two workers
 * making the first key at once both insert-or-ignore, then both read the one that won,
 * so a department never seals with two keys.
 */
@Injectable()
export class DepartmentKeyStore {
  /**
   * Stored keys, by department. A department's key row is written once and never changed,
   * so every licence after the first is sealed without a key lookup.
   */
  private readonly stored = new Map<string, SigningKey>();

  constructor(private readonly tx: TransactionRunner) {}

  async keyFor(department: string): Promise<SigningKey> {
    const cached = this.stored.get(department);
    if (cached) return cached;
    // Made in a transaction of its own when called outside one (`LicenceIssuer.prepare`).
    // Made inside a licence transaction, it is not cached: a rollback takes the key and
    // every licence sealed with it together.
    const { value: row, joined } = await this.tx.runOnItsOwn((manager) =>
      this.findOrMake(manager, department),
    );
    // Parsed once: reading the PEM costs more than the signature itself.
    const key = { ...row, signingKey: createPrivateKey(row.privateKey) };
    if (!joined) this.stored.set(department, key);
    return key;
  }

  private async findOrMake(
    manager: EntityManager,
    department: string,
  ): Promise<DepartmentKeyEntity> {
    const existing = await manager.findOneBy(DepartmentKeyEntity, { department });
    if (existing) return existing;
    const pair = generateDepartmentKeyPair();
    await manager
      .createQueryBuilder()
      .insert()
      .into(DepartmentKeyEntity)
      .values({
        department,
        publicKey: pair.publicKey,
        privateKey: pair.privateKey,
        fingerprint: pair.fingerprint,
        createdAt: new Date(),
      })
      .orIgnore()
      .execute();
    const stored = await manager.findOneBy(DepartmentKeyEntity, { department });
    if (!stored) throw new Error(`seal key of ${department} could not be stored`);
    return stored;
  }

  find(department: string): Promise<DepartmentKeyEntity | null> {
    return this.tx.dataSource.getRepository(DepartmentKeyEntity).findOneBy({ department });
  }
}
