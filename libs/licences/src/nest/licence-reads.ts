import type { EntityManager } from 'typeorm';
import { LicenceEntity, parameterOf, perDataSource, RowReader } from '@onevisit/persistence';

/**
 * The licences of a case, as fixed SQL (prepared once per connection on PostgreSQL)
 * instead of TypeORM's `find`, which builds its query on every call: the licence job
 * reads them once per run to find what an earlier run already issued.
 */
class LicenceReads {
  private readonly reader: RowReader<LicenceEntity>;
  private readonly ofCaseSql: string;

  constructor(dataSource: EntityManager['connection']) {
    this.reader = new RowReader(dataSource, LicenceEntity);
    // Served by the (case_id, item, type) index.
    this.ofCaseSql = `SELECT ${this.reader.columns} FROM ${this.reader.table}
      WHERE "case_id" = ${parameterOf(dataSource)(1)}`;
  }

  /** Every licence row of `caseId`, with the caller's manager (its transaction). */
  ofCase(manager: EntityManager, caseId: string): Promise<LicenceEntity[]> {
    return this.reader.rows(this.ofCaseSql, [caseId], manager);
  }
}

const readsOf = perDataSource((dataSource) => new LicenceReads(dataSource));

/** The fixed licence reads of the manager's data source. */
export function licenceReadsOf(manager: EntityManager): LicenceReads {
  return readsOf(manager.connection);
}
