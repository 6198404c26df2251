import { type EntityManager, QueryFailedError, type QueryRunner } from 'typeorm';
import { type PgClient, queryRows, runPrepared } from './prepared-statements.js';
import { EXPECTED_ROWS_SQLSTATE } from './migrations/1764400000000-expect-rows.migration.js';
import { setTransactionOpen } from './transaction-state.js';

/** A write's affected-row count that must hold, and the error to throw when it does not. */
export interface WriteExpectation {
  affected: number;
  otherwise: () => Error;
}

/**
 * The writes of one open PostgreSQL transaction whose answers nobody waits for at once.
 *
 * The event path is paid for in round trips: every statement awaited on its own costs
 * a socket write, a wake-up of the server and one of this process. A transition's writes
 * (events, case row, outbox, items, tasks, clocks) need no answer to go on, so they are
 * sent down the pipeline as they are made and their answers checked once, with COMMIT's
 * (`pipelinedTransaction`). A client made with `pipeline: true` (node-postgres) writes each
 * query to the socket at once instead of waiting for the answer to the one before, and
 * the server runs them in the order sent. Statements sent in one tick go out in one
 * socket write (the stream is corked until the next tick), each prepared once per
 * connection (`statementName`).
 *
 * Order is kept: a write is on the wire before anything the transaction sends after it,
 * so its reads see its writes. When a write fails, PostgreSQL refuses everything after
 * it in the transaction ("current transaction is aborted"), and `settle` reports the
 * write's own error: the cause, not the echo.
 */
export class PipelinedWrites {
  private readonly sent: Promise<void>[] = [];
  private corked = false;

  constructor(private readonly client: PgClient) {}

  send(sql: string, values: readonly unknown[], expectation?: WriteExpectation): void {
    this.sendStatement(
      expectation ? checkedByTheServer(sql, expectation.affected) : sql,
      values,
      expectation,
    );
  }

  /**
   * Sends `countSql` (a SELECT of one count), made to abort the transaction unless it
   * counts `expectation.affected`.
   */
  sendCountCheck(
    countSql: string,
    values: readonly unknown[],
    expectation: WriteExpectation,
  ): void {
    this.sendStatement(
      countCheckedByTheServer(countSql, expectation.affected),
      values,
      expectation,
    );
  }

  private sendStatement(
    statement: string,
    values: readonly unknown[],
    expectation: WriteExpectation | undefined,
  ): void {
    this.holdUntilNextTick();
    const answered = runPrepared(this.client, statement, values).then(
      () => undefined,
      (error: unknown) => {
        throw expectation && isExpectedRowsFailure(error) ? expectation.otherwise() : error;
      },
    );
    // Observed in settle(); never an unhandled rejection meanwhile.
    answered.catch(() => undefined);
    this.sent.push(answered);
  }

  /**
   * Sends a transaction control statement (BEGIN, COMMIT) in order with the writes, as a
   * simple query: it then shares their socket write and costs no round trip of its own.
   */
  sendControl(sql: 'BEGIN' | 'COMMIT'): void {
    this.holdUntilNextTick();
    const answered = this.client.query({ text: sql, values: [] }).then(
      (result) => {
        // PostgreSQL answers COMMIT in a failed transaction with ROLLBACK, not an error.
        if (result.command !== sql) throw new Error(`${sql} was answered ${result.command}`);
      },
      (error: unknown) => {
        throw new QueryFailedError(sql, [], error as Error);
      },
    );
    answered.catch(() => undefined);
    this.sent.push(answered);
  }

  /** Waits for every write sent so far; throws the first that failed, in the order sent. */
  async settle(): Promise<void> {
    const outcomes = await Promise.allSettled(this.sent.splice(0));
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Whatever the transaction sends until the next tick goes out in one socket write. */
  holdUntilNextTick(): void {
    const stream = this.client.connection?.stream;
    if (this.corked || !stream?.cork || !stream.uncork) return;
    stream.cork();
    this.corked = true;
    // Whatever the transaction sends until then (its next read, say) joins the same write.
    process.nextTick(() => {
      this.corked = false;
      stream.uncork?.();
    });
  }
}

/**
 * `sql` (one INSERT, UPDATE or DELETE) made to fail on the server, aborting the
 * transaction, unless it writes `affected` rows: a COMMIT sent after it then cannot
 * commit what a check in this process would have refused.
 */
function checkedByTheServer(sql: string, affected: number): string {
  if (!Number.isSafeInteger(affected)) throw new Error(`expected row count ${affected}`);
  const written = /\bRETURNING\b/i.test(sql) ? sql : `${sql} RETURNING 1`;
  return `WITH written AS (${written}) SELECT onevisit_expect_rows(count(*), ${affected}) FROM written`;
}

/** `countSql` (a SELECT of one count) made to fail on the server unless it counts `expected`. */
function countCheckedByTheServer(countSql: string, expected: number): string {
  if (!Number.isSafeInteger(expected)) throw new Error(`expected count ${expected}`);
  return `SELECT onevisit_expect_rows((${countSql}), ${expected})`;
}

function isExpectedRowsFailure(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown } }).driverError;
  return driverError?.code === EXPECTED_ROWS_SQLSTATE;
}

const pipelines = new WeakMap<QueryRunner, PipelinedWrites>();

/** The pipeline of the manager's transaction, when `beginPipelined` opened it. */
function pipelineOf(manager: EntityManager): PipelinedWrites | undefined {
  const runner = manager.queryRunner;
  return runner ? pipelines.get(runner) : undefined;
}

/**
 * Opens the transaction of `runner` on its pipelining `client`: BEGIN is sent, not waited
 * for, and goes out in one socket write with the transaction's first statement. TypeORM
 * is told a transaction is open (what `startTransaction` records), so that its own
 * statements on this runner behave as inside one.
 */
export function beginPipelined(runner: QueryRunner, client: PgClient): PipelinedWrites {
  const writes = new PipelinedWrites(client);
  pipelines.set(runner, writes);
  setTransactionOpen(runner, true);
  writes.sendControl('BEGIN');
  return writes;
}

/** The runner is out of its transaction: committed, rolled back, or its connection lost. */
export function endPipelined(runner: QueryRunner): void {
  pipelines.delete(runner);
  setTransactionOpen(runner, false);
}

/**
 * Statements the manager's transaction starts in this tick go out in one socket write: in
 * a pipelined PostgreSQL transaction the stream is held until the next tick; elsewhere
 * (SQLite, no transaction) nothing changes. For reads sent together, in order, without
 * waiting for each other's answers.
 */
export function sendTogether(manager: EntityManager): void {
  pipelineOf(manager)?.holdUntilNextTick();
}

/**
 * Starts `read` in the manager's transaction, for an answer wanted only once that
 * transaction has committed (a command's own outcome). In a pipelined PostgreSQL
 * transaction it is sent, not awaited, and goes out with the COMMIT; elsewhere it runs
 * now, in order with the transaction's other statements. The answer comes wrapped, so
 * awaiting this does not wait for it; if the transaction fails, nobody needs it.
 */
export async function readForAfterCommit<T>(
  manager: EntityManager,
  read: (manager: EntityManager) => Promise<T>,
): Promise<{ answer: Promise<T> }> {
  const answer = read(manager);
  answer.catch(() => undefined);
  if (!pipelineOf(manager)) await answer;
  return { answer };
}

/**
 * Runs a write with the caller's manager. Inside a pipelined PostgreSQL transaction it is
 * only sent: its answer is checked when the transaction ends, and `expectation` by the
 * server, so that COMMIT cannot commit past it (errors surface at the end of the
 * transaction). Elsewhere (SQLite, no transaction) it runs and is checked now; on
 * PostgreSQL outside a transaction, as a prepared statement.
 */
export async function sendWrite(
  manager: EntityManager,
  sql: string,
  values: readonly unknown[],
  expectation?: WriteExpectation,
): Promise<void> {
  const pipeline = pipelineOf(manager);
  if (pipeline) {
    pipeline.send(sql, values, expectation);
    return;
  }
  if (!expectation) {
    // Outside a transaction on PostgreSQL: prepared, on a pooled connection.
    await queryRows(manager, sql, values);
    return;
  }
  const runner = manager.queryRunner;
  if (!runner) throw new Error('a write with an expected row count runs inside a transaction');
  const result = await runner.query(sql, [...values], true);
  if (result.affected !== expectation.affected) throw expectation.otherwise();
}

/**
 * Aborts the manager's transaction unless `countSql` (a SELECT of one count) counts
 * `expectation.affected`: a condition the transaction's writes rest on, checked in the
 * transaction rather than by a read before it. In a pipelined PostgreSQL transaction the
 * check is sent with the writes, not awaited, and a failure surfaces (as
 * `expectation.otherwise()`) when they settle, before COMMIT; elsewhere it is read now.
 */
export async function sendCountCheck(
  manager: EntityManager,
  countSql: string,
  values: readonly unknown[],
  expectation: WriteExpectation,
): Promise<void> {
  const pipeline = pipelineOf(manager);
  if (pipeline) {
    pipeline.sendCountCheck(countSql, values, expectation);
    return;
  }
  const [row] = await queryRows<Record<string, unknown>>(manager, countSql, values);
  const count = row ? Number(Object.values(row)[0]) : 0;
  if (count !== expectation.affected) throw expectation.otherwise();
}
