import type { DataSource } from 'typeorm';
import {
  parameterList,
  parameterOf,
  perDataSource,
  RowReader,
  TaskEntity,
  type TaskStatus,
} from '@onevisit/persistence';

/**
 * The work list query (`GET /tasks`, the officers' hot read) as fixed SQL: the same
 * filter, order and limit as the `find` it replaces (test/scale/hot-queries.ts checks
 * its plan), rows hydrated exactly as `find` would, without building the query each time.
 */
export class TaskReads {
  private readonly tasks: RowReader<TaskEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.tasks = new RowReader(dataSource, TaskEntity);
  }

  /** Oldest first; `limit` already bounded by the caller. */
  workList(
    department: string,
    statuses: TaskStatus[] | undefined,
    limit: number,
  ): Promise<TaskEntity[]> {
    const p = parameterOf(this.dataSource);
    const byStatus = statuses?.length
      ? ` AND "status" IN ${parameterList(this.dataSource, statuses.length, 2)}`
      : '';
    return this.tasks.rows(
      `SELECT ${this.tasks.columns} FROM ${this.tasks.table}
        WHERE "department" = ${p(1)}${byStatus} ORDER BY "created_at" ASC LIMIT ${Math.trunc(limit)}`,
      [department, ...(statuses ?? [])],
    );
  }
}

export const taskReadsOf = perDataSource((dataSource) => new TaskReads(dataSource));
