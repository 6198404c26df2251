import type { DataSource, EntityManager } from 'typeorm';
import {
  CaseClockEntity,
  parameterOf,
  perDataSource,
  RowReader,
  TaskEntity,
} from '@onevisit/persistence';
import type { OpenTask } from './transaction-writes.js';

/**
 * The reads a case transaction makes of its case's other rows, as fixed SQL (prepared
 * once per connection on PostgreSQL) instead of TypeORM's `find`, which builds the query
 * on every call: each runs once or twice in every case transaction.
 */
class TransactionReads {
  private readonly tasks: RowReader<TaskEntity, 'id' | 'item' | 'kind'>;
  private readonly clocks: RowReader<CaseClockEntity>;
  private readonly openTasksSql: string;
  private readonly clocksSql: string;

  constructor(dataSource: DataSource) {
    const p = parameterOf(dataSource);
    this.tasks = new RowReader(dataSource, TaskEntity, ['id', 'item', 'kind']);
    this.clocks = new RowReader(dataSource, CaseClockEntity);
    this.openTasksSql = `SELECT ${this.tasks.columns} FROM ${this.tasks.table}
      WHERE "case_id" = ${p(1)} AND "status" IN ('open', 'claimed')`;
    this.clocksSql = `SELECT ${this.clocks.columns} FROM ${this.clocks.table} WHERE "case_id" = ${p(1)}`;
  }

  /** The case's open and claimed tasks, read with the transaction's `manager`. */
  openTasks(manager: EntityManager, caseId: string): Promise<OpenTask[]> {
    return this.tasks.rows(this.openTasksSql, [caseId], manager);
  }

  /** Every clock of the case, read with the transaction's `manager`. */
  caseClocks(manager: EntityManager, caseId: string): Promise<CaseClockEntity[]> {
    return this.clocks.rows(this.clocksSql, [caseId], manager);
  }
}

const readsOf = perDataSource((dataSource) => new TransactionReads(dataSource));

/** The fixed reads of the manager's data source. */
export function transactionReadsOf(manager: EntityManager): TransactionReads {
  return readsOf(manager.connection);
}
