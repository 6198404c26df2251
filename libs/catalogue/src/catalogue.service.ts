import { Injectable } from '@nestjs/common';
import type { EntityManager, EntityTarget } from 'typeorm';
import { DataSource } from 'typeorm';
import type { Catalogue } from '@onevisit/definitions';
import {
  type CatalogueRowColumns,
  DepartmentEntity,
  LicenceTypeEntity,
  MaterialEntity,
  ServiceItemEntity,
  TransactionRunner,
} from '@onevisit/persistence';
import { kindOfList } from './catalogue-kinds.js';
import { type CatalogueBody, publishEntryVersion } from './catalogue-version-rows.js';
import { contentChecksum } from './content-checksum.js';

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}
export type CatalogueUpsertSummary = Record<keyof Catalogue, UpsertCounts>;

const TABLES: {
  list: keyof Catalogue;
  entity: EntityTarget<CatalogueRowColumns<{ code: string }>>;
}[] = [
  { list: 'departments', entity: DepartmentEntity },
  { list: 'materials', entity: MaterialEntity },
  { list: 'licenceTypes', entity: LicenceTypeEntity },
  { list: 'items', entity: ServiceItemEntity },
];

/** The service-item catalogue as stored rows, one per code. */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Inserts or replaces entries by code; an entry whose checksum is unchanged is not
   * written. Entries missing from `catalogue` are kept: published versions froze
   * their own copies anyway, and drafts should fail loudly rather than silently.
   * A new or changed entry is published as its next version, as the admin API does.
   */
  upsert(catalogue: Catalogue, actor = 'workflows'): Promise<CatalogueUpsertSummary> {
    return this.transactions.run(async (manager) => {
      const summary = {} as CatalogueUpsertSummary;
      for (const { list, entity } of TABLES) {
        summary[list] = await this.upsertList(manager, list, entity, catalogue[list], actor);
      }
      return summary;
    });
  }

  /** The whole current catalogue, as the validator and resolver want it. */
  async load(): Promise<Catalogue> {
    const [departments, materials, licenceTypes, items] = await Promise.all([
      this.bodies(DepartmentEntity),
      this.bodies(MaterialEntity),
      this.bodies(LicenceTypeEntity),
      this.bodies(ServiceItemEntity),
    ]);
    return { departments, materials, licenceTypes, items };
  }

  listItems() {
    return this.bodies(ServiceItemEntity);
  }

  listMaterials() {
    return this.bodies(MaterialEntity);
  }

  private async bodies<T>(entity: EntityTarget<CatalogueRowColumns<T>>): Promise<T[]> {
    const rows = await this.dataSource.getRepository(entity).find({ order: { code: 'ASC' } });
    return rows.map((row) => row.body);
  }

  private async upsertList(
    manager: EntityManager,
    list: keyof Catalogue,
    entity: EntityTarget<CatalogueRowColumns<{ code: string }>>,
    entries: { code: string }[],
    actor: string,
  ): Promise<UpsertCounts> {
    const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
    const repository = manager.getRepository(entity);
    const existing = new Map((await repository.find()).map((row) => [row.code, row.checksum]));
    for (const body of entries) {
      const checksum = contentChecksum(body);
      const previous = existing.get(body.code);
      if (previous === checksum) {
        counts.unchanged += 1;
        continue;
      }
      // Entries of `list` are that list's type: the catalogue was validated by the caller.
      await publishEntryVersion(manager, kindOfList(list), body as CatalogueBody, actor);
      if (previous === undefined) counts.created += 1;
      else counts.updated += 1;
    }
    return counts;
  }
}
