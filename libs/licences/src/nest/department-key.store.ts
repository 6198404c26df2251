import { Injectable } from '@nestjs/common';
import { DepartmentKeyEntity, TransactionRunner } from '@onevisit/persistence';
import { generateDepartmentKeyPair } from '../department-keys.js';

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
  private readonly stored = new Map<string, DepartmentKeyEntity>();

  constructor(private readonly tx: TransactionRunner) {}

  async keyFor(department: string): Promise<DepartmentKeyEntity> {
    const cached = this.stored.get(department);
    if (cached) return cached;
    const key = await this.findOrMake(department);
    this.stored.set(department, key);
    return key;
  }

  private async findOrMake(department: string): Promise<DepartmentKeyEntity> {
    const existing = await this.find(department);
    if (existing) return existing;
    const pair = generateDepartmentKeyPair();
    await this.tx.run((manager) =>
      manager
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
        .execute(),
    );
    const stored = await this.find(department);
    if (!stored) throw new Error(`seal key of ${department} could not be stored`);
    return stored;
  }

  find(department: string): Promise<DepartmentKeyEntity | null> {
    return this.tx.dataSource.getRepository(DepartmentKeyEntity).findOneBy({ department });
  }
}
