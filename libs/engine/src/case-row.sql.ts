import type { DataSource, EntityManager } from 'typeorm';
import {
  CaseEntity,
  parameterOf,
  perDataSource,
  queryRows,
  RowReader,
  sendWrite,
} from '@onevisit/persistence';

/**
 * The two statements every event runs on the case row, as plain SQL built once per data
 * source: read it under a lock, and write the new snapshot if the version still holds.
 * Values go through the driver's own column conversions, as TypeORM's `find`/`update`.
 */
class CaseRowStatements {
  private readonly reader: RowReader<CaseEntity>;
  private readonly readSql: string;
  private readonly lockSql: string;
  private readonly updateSql: string;

  constructor(private readonly dataSource: DataSource) {
    this.reader = new RowReader(dataSource, CaseEntity);
    const p = parameterOf(dataSource);
    const postgres = dataSource.options.type === 'postgres';
    const table = this.reader.table;
    this.readSql = `SELECT ${this.reader.columns} FROM ${table} WHERE "id" = ${p(1)}`;
    this.lockSql = postgres ? `${this.readSql} FOR UPDATE` : this.readSql;
    this.updateSql = `UPDATE ${table} SET "snapshot" = ${p(1)}, "status" = ${p(2)}, "version" = ${p(3)}, "updated_at" = ${p(4)} WHERE "id" = ${p(5)} AND "version" = ${p(6)}`;
  }

  /**
   * The row, locked until the transaction ends: SELECT … FOR UPDATE on PostgreSQL. SQLite
   * has no row locks; every transaction there runs in a group that began with
   * `BEGIN IMMEDIATE` (`runInTransaction`), so it holds the database write lock before
   * its first read and no other process can commit under it (SQLITE_BUSY_SNAPSHOT).
   */
  lock(manager: EntityManager, caseId: string): Promise<CaseEntity | null> {
    return this.one(manager, this.lockSql, caseId);
  }

  read(manager: EntityManager, caseId: string): Promise<CaseEntity | null> {
    return this.one(manager, this.readSql, caseId);
  }

  private async one(manager: EntityManager, sql: string, caseId: string) {
    const [row] = await queryRows<Record<string, unknown>>(manager, sql, [caseId]);
    return row ? this.reader.hydrate(row) : null;
  }

  /**
   * Writes the new snapshot if the row is still at `expectedVersion`; otherwise the
   * transaction fails with `stale()`, when its writes settle (PostgreSQL pipelines them)
   * or at once.
   */
  update(
    manager: EntityManager,
    caseId: string,
    expectedVersion: number,
    changes: Pick<CaseEntity, 'snapshot' | 'status' | 'version' | 'updatedAt'>,
    stale: () => Error,
  ): Promise<void> {
    const metadata = this.dataSource.getMetadata(CaseEntity);
    const value = (property: keyof CaseEntity, raw: unknown): unknown => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`case has no column ${property}`);
      return this.dataSource.driver.preparePersistentValue(raw, column);
    };
    return sendWrite(
      manager,
      this.updateSql,
      [
        value('snapshot', changes.snapshot),
        changes.status,
        changes.version,
        value('updatedAt', changes.updatedAt),
        caseId,
        expectedVersion,
      ],
      { affected: 1, otherwise: stale },
    );
  }
}

const statementsOf = perDataSource((dataSource) => new CaseRowStatements(dataSource));

/** The case row statements of the manager's data source. */
export function caseRowStatements(manager: EntityManager): CaseRowStatements {
  return statementsOf(manager.connection);
}

/**
 * Takes the case row's lock for the rest of the caller's transaction; false when there is
 * no such case. Every transaction that writes a case's rows (items, tasks, clocks) takes
 * it first, as the case's own transitions do: taking those rows in another order than a
 * transition deadlocks with it.
 */
export async function lockCaseRow(manager: EntityManager, caseId: string): Promise<boolean> {
  return (await caseRowStatements(manager).lock(manager, caseId)) !== null;
}
