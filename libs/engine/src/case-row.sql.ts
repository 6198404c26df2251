import type { DataSource, EntityManager } from 'typeorm';
import { CaseEntity } from '@onevisit/persistence';
import { RowReader } from './read-rows.js';

/**
 * The two statements every event runs on the case row, as plain SQL built once per data
 * source: read it under a lock, and write the new snapshot if the version still holds.
 * Values go through the driver's own column conversions, as TypeORM's `find`/`update`.
 */
class CaseRowStatements {
  private readonly reader: RowReader<CaseEntity>;
  private readonly lockSql: string;
  private readonly readSql: string;
  private readonly updateSql: string;

  constructor(private readonly dataSource: DataSource) {
    this.reader = new RowReader(dataSource, CaseEntity);
    const p = (index: number) => dataSource.driver.createParameter('p', index);
    const postgres = dataSource.options.type === 'postgres';
    this.readSql = `SELECT ${this.reader.columns} FROM ${this.reader.table} WHERE "id" = ${p(0)}`;
    this.lockSql = postgres ? `${this.readSql} FOR UPDATE` : this.readSql;
    this.updateSql = `UPDATE ${this.reader.table} SET "snapshot" = ${p(0)}, "status" = ${p(1)}, "version" = ${p(2)}, "updated_at" = ${p(3)} WHERE "id" = ${p(4)} AND "version" = ${p(5)}`;
  }

  /** The row, locked until the transaction ends (PostgreSQL; see `lockForUpdate`). */
  lock(manager: EntityManager, caseId: string): Promise<CaseEntity | null> {
    return this.one(manager, this.lockSql, caseId);
  }

  read(manager: EntityManager, caseId: string): Promise<CaseEntity | null> {
    return this.one(manager, this.readSql, caseId);
  }

  private async one(manager: EntityManager, sql: string, caseId: string) {
    const [row] = await manager.query<Record<string, unknown>[]>(sql, [caseId]);
    return row ? this.reader.hydrate(row) : null;
  }

  async update(
    manager: EntityManager,
    caseId: string,
    expectedVersion: number,
    changes: Pick<CaseEntity, 'snapshot' | 'status' | 'version' | 'updatedAt'>,
  ): Promise<boolean> {
    const metadata = this.dataSource.getMetadata(CaseEntity);
    const value = (property: keyof CaseEntity, raw: unknown): unknown => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`case has no column ${property}`);
      return this.dataSource.driver.preparePersistentValue(raw, column);
    };
    const runner = manager.queryRunner;
    if (!runner) throw new Error('the case row is written inside a transaction');
    const result = await runner.query(
      this.updateSql,
      [
        value('snapshot', changes.snapshot),
        changes.status,
        changes.version,
        value('updatedAt', changes.updatedAt),
        caseId,
        expectedVersion,
      ],
      true,
    );
    return result.affected === 1;
  }
}

const statements = new WeakMap<DataSource, CaseRowStatements>();

/** The case row statements of the manager's data source. */
export function caseRowStatements(manager: EntityManager): CaseRowStatements {
  let known = statements.get(manager.connection);
  if (!known) {
    known = new CaseRowStatements(manager.connection);
    statements.set(manager.connection, known);
  }
  return known;
}
