import { AsyncResource } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { rollBackQuietly, setTransactionOpen } from './transaction-state.js';

/** At most this many transactions share one COMMIT: bounds the wait of the last one. */
const MAX_GROUP = 64;

/** The async resource type a queued transaction keeps its caller's context under. */
const CALLER_CONTEXT = 'onevisit.sqlite-transaction';

interface Waiting {
  work: (manager: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for SQLite. Every caller shares one connection there, so transactions run
 * one at a time anyway; what costs is each COMMIT's sync of the write-ahead log to disk
 * (a third of a millisecond here, blocking the process). Transactions that are queued when
 * a group begins, and those that queue while it runs, run together in one database
 * transaction, each inside its own SAVEPOINT, and share one COMMIT: one sync instead of
 * one each (taking the late arrivals too halved the COMMITs of a bench run).
 *
 * Each keeps its own outcome. One that fails is rolled back to its savepoint and gets its
 * error; the others go on. A caller hears of success only after the shared COMMIT, and
 * if that COMMIT fails, every transaction of the group fails with its error: nothing of
 * the group was committed. A lone transaction runs as before, in a group of one.
 */
export class SqliteGroupCommit {
  private readonly waiting: Waiting[] = [];
  private draining = false;

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // The work runs in its caller's async context (request ids in logs, say), not in
      // that of whichever caller's transaction started the group. A resource of our own
      // rather than `AsyncResource.bind`, which also defines a deprecated accessor on
      // every function it binds: a measurable cost on every transaction.
      const context = new AsyncResource(CALLER_CONTEXT);
      const inCallerContext = (manager: EntityManager) =>
        context.runInAsyncScope(work, undefined, manager);
      this.waiting.push({
        work: inCallerContext,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.waiting.length > 0) await this.runGroup();
    } finally {
      this.draining = false;
    }
  }

  private async runGroup(): Promise<void> {
    // Those queued now fail with the group should BEGIN fail; late arrivals join below.
    const group = this.waiting.splice(0, MAX_GROUP);
    // better-sqlite3: TypeORM hands out its one query runner on the one connection.
    const runner = this.dataSource.createQueryRunner();
    const outcomes: Outcome[] = [];
    try {
      // IMMEDIATE: the write lock now, not at the first write, which would fail at once
      // (SQLITE_BUSY_SNAPSHOT) had another process written since this group's first read.
      await runner.query('BEGIN IMMEDIATE');
      setTransactionOpen(runner, true);
      for (let next = 0; next < group.length; next++) {
        outcomes.push(await this.runOne(runner, group[next]));
        // Transactions that queued while the group ran join it, up to MAX_GROUP.
        if (next === group.length - 1 && group.length < MAX_GROUP) {
          group.push(...this.waiting.splice(0, MAX_GROUP - group.length));
        }
      }
      await runner.query('COMMIT');
    } catch (groupError) {
      await rollBackQuietly(runner);
      for (const waiting of group) waiting.reject(groupError);
      return;
    } finally {
      setTransactionOpen(runner, false);
    }
    group.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }

  /**
   * One transaction of the group, in a savepoint (TypeORM's nested transaction). Throws
   * only when its savepoint cannot be rolled back: SQLite has then rolled back the whole
   * group's transaction (a full disk, an I/O error), and the group fails.
   */
  private async runOne(runner: QueryRunner, waiting: Waiting): Promise<Outcome> {
    await runner.startTransaction();
    try {
      const value = await waiting.work(runner.manager);
      await runner.commitTransaction();
      return { ok: true, value };
    } catch (error) {
      await runner.rollbackTransaction();
      return { ok: false, error };
    }
  }
}
