import type { DataSource } from 'typeorm';
import {
  parameterList,
  parameterOf,
  perDataSource,
  RowReader,
  TaskEntity,
  type TaskStatus,
} from '@onevisit/persistence';

/** What a work list may be narrowed to, besides the department. */
export interface WorkListFilter {
  statuses?: TaskStatus[];
  /** Task kind: review, procedure, decision, post-check … */
  kind?: string;
  /** Code of the bundle the task's case runs on. */
  bundle?: string;
}

/** Oldest first (the default), or what is due first. */
export type WorkListOrder = 'created' | 'due';

/**
 * The conditions of a filtered work list after the department (`$1`), with their
 * parameters numbered from `$2`. The bundle is the case's: looked up by the case's
 * primary key for each candidate task, so the department's index still drives the scan.
 */
export function workListConditions(
  dataSource: DataSource,
  filter: WorkListFilter,
): { sql: string; params: unknown[] } {
  const p = parameterOf(dataSource);
  const params: unknown[] = [];
  let sql = '';
  if (filter.statuses?.length) {
    sql += ` AND "status" IN ${parameterList(dataSource, filter.statuses.length, params.length + 2)}`;
    params.push(...filter.statuses);
  }
  if (filter.kind !== undefined) {
    params.push(filter.kind);
    sql += ` AND "kind" = ${p(params.length + 1)}`;
  }
  if (filter.bundle !== undefined) {
    params.push(filter.bundle);
    sql +=
      ` AND EXISTS (SELECT 1 FROM "case" WHERE "case"."id" = "task"."case_id"` +
      ` AND "case"."bundle_code" = ${p(params.length + 1)})`;
  }
  return { sql, params };
}

/** ORDER BY of a work list; `due` puts tasks without a due date last. Ties go by age, then id. */
export function workListOrderBy(order: WorkListOrder): string {
  return order === 'due'
    ? `ORDER BY ("due_date" IS NULL) ASC, "due_date" ASC, "created_at" ASC, "id" ASC`
    : `ORDER BY "created_at" ASC`;
}

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

  /** `limit` already bounded by the caller. */
  workList(
    department: string,
    filter: WorkListFilter,
    limit: number,
    order: WorkListOrder = 'created',
  ): Promise<TaskEntity[]> {
    const p = parameterOf(this.dataSource);
    const where = workListConditions(this.dataSource, filter);
    return this.tasks.rows(
      `SELECT ${this.tasks.columns} FROM ${this.tasks.table}
        WHERE "department" = ${p(1)}${where.sql} ${workListOrderBy(order)} LIMIT ${Math.trunc(limit)}`,
      [department, ...where.params],
    );
  }
}

export const taskReadsOf = perDataSource((dataSource) => new TaskReads(dataSource));
