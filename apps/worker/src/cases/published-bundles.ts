import { Injectable } from '@nestjs/common';
import type { ResolvedBundle } from '@onevisit/definitions';
import { BundleDefinitionEntity, managerOf, TransactionRunner } from '@onevisit/persistence';

/**
 * The frozen content of the bundle version a case is pinned to. Published versions never
 * change, so each is read once per process.
 */
@Injectable()
export class PublishedBundles {
  private readonly cache = new Map<string, ResolvedBundle>();

  constructor(private readonly tx: TransactionRunner) {}

  async resolved(code: string, version: number): Promise<ResolvedBundle> {
    const key = `${code}@${version}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const row = await managerOf(this.tx.dataSource).findOneBy(BundleDefinitionEntity, {
      code,
      version,
    });
    if (!row?.resolved) throw new Error(`bundle ${key} is not a published version`);
    this.cache.set(key, row.resolved);
    return row.resolved;
  }
}
