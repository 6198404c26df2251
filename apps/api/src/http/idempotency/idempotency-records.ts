import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { IdempotencyRecordEntity, TransactionRunner } from '@onevisit/persistence';
import { PiiKeyring } from '@onevisit/pii';

/** How long an answer is kept for a retry; older keys are forgotten and may be reused. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** Expired rows are deleted at most this often per process. */
const PRUNE_EVERY_MS = 10 * 60 * 1000;

export interface StoredAnswer {
  fingerprint: string;
  body: unknown;
}

interface KeyIdentity {
  principal: string;
  key: string;
  route: string;
  fingerprint: string;
}

/** The `idempotency_record` table: stored answers, read back decrypted. */
@Injectable()
export class IdempotencyRecords {
  private nextPruneAt = 0;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly keyring: PiiKeyring,
  ) {}

  /** The answer stored under the key, if it is still kept. */
  async find(principal: string, key: string, now = Date.now()): Promise<StoredAnswer | null> {
    this.pruneNowAndThen(now);
    const row = await this.transactions.dataSource
      .getRepository(IdempotencyRecordEntity)
      .findOne({ where: { principal, key } });
    if (!row || row.createdAt.getTime() < now - IDEMPOTENCY_RETENTION_MS) return null;
    return {
      fingerprint: row.fingerprint,
      body: JSON.parse(this.keyring.decrypt(row.response)) as unknown,
    };
  }

  /**
   * Runs `work` in a transaction and stores its answer there under the key. When another
   * request stored one first, this transaction rolls back (work included) and that
   * answer is returned to replay.
   */
  async runStoring<T>(
    identity: KeyIdentity,
    statusCode: number,
    work: () => Promise<T>,
  ): Promise<{ kind: 'ran'; value: T } | { kind: 'taken'; earlier: StoredAnswer }> {
    try {
      const value = await this.transactions.run(async (manager) => {
        const result = await work();
        // An expired record of the same key gives way to the new one.
        await manager.delete(IdempotencyRecordEntity, {
          principal: identity.principal,
          key: identity.key,
          createdAt: LessThan(new Date(Date.now() - IDEMPOTENCY_RETENTION_MS)),
        });
        await manager.insert(IdempotencyRecordEntity, {
          ...identity,
          statusCode,
          response: this.keyring.encrypt(JSON.stringify(result ?? null)),
          createdAt: new Date(),
        });
        return result;
      });
      return { kind: 'ran', value };
    } catch (error) {
      const earlier = await this.find(identity.principal, identity.key);
      if (earlier) return { kind: 'taken', earlier };
      throw error;
    }
  }

  private pruneNowAndThen(now: number): void {
    if (now < this.nextPruneAt) return;
    this.nextPruneAt = now + PRUNE_EVERY_MS;
    void this.transactions
      .runStatement((manager) =>
        manager.delete(IdempotencyRecordEntity, {
          createdAt: LessThan(new Date(now - IDEMPOTENCY_RETENTION_MS)),
        }),
      )
      .catch(() => undefined);
  }
}
