import { DataSource, In, Not, QueryFailedError } from 'typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import {
  PERSISTENCE_MIGRATIONS,
  DatabaseConnectionLost,
  ExternalMessageEntity,
  dataSourceOptions,
  LicenceEntity,
  LicenceSequenceEntity,
  pendingSchemaChanges,
  queryRows,
  readForAfterCommit,
  rowWriterOf,
  runInTransaction,
  sendUpdate,
  sendWrite,
  transactionClientOf,
} from '@onevisit/persistence';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** Runs against the configured driver: SQLite by default, PostgreSQL with DATABASE_URL. */
describe(`persistence (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const onPostgres = process.env.DATABASE_URL ? it : it.skip;

  beforeAll(async () => {
    db = await createTestDatabase('persistence');
    dataSource = new DataSource(dataSourceOptions(db.database));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('applies every migration at startup and the entities need nothing more', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('reverts and reapplies the migrations cleanly', async () => {
    await dataSource.undoLastMigration();
    expect(await dataSource.showMigrations()).toBe(true);
    await dataSource.runMigrations();
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('starts the licence counters where the licences already issued stopped', async () => {
    const licence = (number: string) => ({
      id: randomUUID(),
      number,
      type: 'business-licence',
      holder: { name: '张三', idNumber: 'x' },
      holderId: 'x',
      issuer: 'market-regulation',
      content: {},
      seal: 'x',
      keyFingerprint: 'x',
      caseId: randomUUID(),
      item: 'registration',
      issuedAt: new Date(),
      validUntil: null,
      revokedAt: null,
      revokeReason: null,
    });
    const numbers = [
      'BL-20261127-000007',
      'BL-20261127-000012',
      'BL-20261126-000003',
      'FOL-20261127-000001',
    ];
    await dataSource.getRepository(LicenceEntity).insert(numbers.map(licence));
    // Undo the counter migration (and those after it) and apply them again over these licences.
    const counterMigration = PERSISTENCE_MIGRATIONS.findIndex(
      (migration) => migration.name === 'LicenceSequence1764380000000',
    );
    for (let i = counterMigration; i < PERSISTENCE_MIGRATIONS.length; i++) {
      await dataSource.undoLastMigration();
    }
    await dataSource.runMigrations();
    const counters = await dataSource
      .getRepository(LicenceSequenceEntity)
      .find({ order: { prefix: 'ASC', day: 'ASC' } });
    expect(counters).toEqual([
      { prefix: 'BL', day: '20261126', lastNumber: 3 },
      { prefix: 'BL', day: '20261127', lastNumber: 12 },
      { prefix: 'FOL', day: '20261127', lastNumber: 1 },
    ]);
    await dataSource.getRepository(LicenceEntity).clear();
    await dataSource.getRepository(LicenceSequenceEntity).clear();
  });

  it('loses no increment under 50 concurrent optimistic writers', async () => {
    await dataSource.query(
      'CREATE TABLE counter (id integer primary key, value integer not null, version integer not null)',
    );
    await dataSource.query('INSERT INTO counter (id, value, version) VALUES (1, 0, 0)');
    let retries = 0;
    const incrementOnce = (): Promise<boolean> =>
      runInTransaction(dataSource, async (manager) => {
        const [row] = await manager
          .createQueryBuilder()
          .select(['value', 'version'])
          .from('counter', 'c')
          .where('id = 1')
          .getRawMany<{ value: number; version: number }>();
        await new Promise((resolve) => setImmediate(resolve));
        const result = await manager
          .createQueryBuilder()
          .update('counter')
          .set({ value: row.value + 1, version: row.version + 1 })
          .where('id = 1 AND version = :version', { version: row.version })
          .execute();
        return result.affected === 1;
      });
    const increment = async () => {
      // A writer that lost the race retries, as a client getting 409 would.
      while (!(await incrementOnce())) retries += 1;
    };
    await Promise.all(Array.from({ length: 50 }, increment));
    const [row] = await dataSource
      .createQueryBuilder()
      .select(['value', 'version'])
      .from('counter', 'c')
      .getRawMany<{ value: number; version: number }>();
    expect({ value: Number(row.value), version: Number(row.version) }).toEqual({
      value: 50,
      version: 50,
    });
    // SQLite serialises transactions, so its writers never even conflict.
    if (!process.env.DATABASE_URL) expect(retries).toBe(0);
  });

  const counters = (prefix: string) =>
    dataSource.getRepository(LicenceSequenceEntity).find({
      where: { prefix },
      order: { day: 'ASC' },
    });
  const counter = (prefix: string, day: string, lastNumber = 1) => ({ prefix, day, lastNumber });

  describe('writes of a transaction (pipelined on PostgreSQL)', () => {
    it("are in place for the transaction's own reads, and commit together", async () => {
      const prefix = `PIPE${Date.now() % 1e9}`;
      const seen = await runInTransaction(dataSource, async (manager) => {
        const writer = rowWriterOf(manager, LicenceSequenceEntity);
        await writer.insert(manager, [counter(prefix, '20261127')]);
        await writer.insert(manager, [counter(prefix, '20261128'), counter(prefix, '20261129')]);
        await sendUpdate(
          manager,
          LicenceSequenceEntity,
          { prefix, day: '20261128' },
          { lastNumber: 7 },
          { affected: 1, otherwise: () => new Error('the row to update is missing') },
        );
        return manager.getRepository(LicenceSequenceEntity).find({
          where: { prefix },
          order: { day: 'ASC' },
        });
      });
      const expected = [
        counter(prefix, '20261127'),
        counter(prefix, '20261128', 7),
        counter(prefix, '20261129'),
      ];
      expect(seen).toEqual(expected);
      expect(await counters(prefix)).toEqual(expected);
    });

    it("fail the transaction with the failing write's own error, and nothing is committed", async () => {
      const prefix = `DUPE${Date.now() % 1e9}`;
      const attempt = runInTransaction(dataSource, async (manager) => {
        const writer = rowWriterOf(manager, LicenceSequenceEntity);
        await writer.insert(manager, [counter(prefix, '20261127')]);
        await writer.insert(manager, [counter(prefix, '20261127')]); // the same key again
        await writer.insert(manager, [counter(prefix, '20261128')]);
        // On PostgreSQL this read is refused ("current transaction is aborted"): the
        // error reported is still the duplicate key, the cause.
        await manager.getRepository(LicenceSequenceEntity).countBy({ prefix });
      });
      const error: unknown = await attempt.then(
        () => null,
        (failure: unknown) => failure,
      );
      // As TypeORM reports it, whichever way the statement went out.
      expect(error).toBeInstanceOf(QueryFailedError);
      const { driverError, message } = error as QueryFailedError<Error & { code?: string }>;
      expect(driverError.code === '23505' || /UNIQUE constraint failed/.test(message)).toBe(true);
      expect(await counters(prefix)).toEqual([]);
    });

    it('fail the transaction when an expected row count does not hold', async () => {
      const prefix = `MISS${Date.now() % 1e9}`;
      const attempt = runInTransaction(dataSource, async (manager) => {
        await rowWriterOf(manager, LicenceSequenceEntity).insert(manager, [
          counter(prefix, '20261127'),
        ]);
        await sendUpdate(
          manager,
          LicenceSequenceEntity,
          { prefix, day: '19990101' },
          { lastNumber: 2 },
          { affected: 1, otherwise: () => new Error('no such counter') },
        );
      });
      await expect(attempt).rejects.toThrow('no such counter');
      expect(await counters(prefix)).toEqual([]);
    });

    onPostgres('go out without waiting for their answers', async () => {
      const waited = await runInTransaction(dataSource, async (manager) => {
        const t0 = performance.now();
        await sendWrite(manager, 'SELECT pg_sleep(1)', []);
        const sent = performance.now() - t0;
        await manager.query('SELECT 1'); // answered after the sleep: the order is kept
        return { sent, answered: performance.now() - t0 };
      });
      expect(waited.sent).toBeLessThan(500);
      expect(waited.answered).toBeGreaterThanOrEqual(900);
    });

    it("read for after the commit: sees the transaction's writes, and holds no work up on PostgreSQL", async () => {
      const prefix = `AFTR${Date.now() % 1e9}`;
      const { answer, waited } = await runInTransaction(dataSource, async (manager) => {
        await rowWriterOf(manager, LicenceSequenceEntity).insert(manager, [
          counter(prefix, '20261127'),
        ]);
        const t0 = performance.now();
        const read = await readForAfterCommit(manager, async (inTransaction) => {
          if (process.env.DATABASE_URL) await sendWrite(inTransaction, 'SELECT pg_sleep(0.5)', []);
          return queryRows<{ n: number | string }>(
            inTransaction,
            'SELECT count(*) AS "n" FROM "licence_sequence" WHERE "prefix" = ' +
              (process.env.DATABASE_URL ? '$1' : '?'),
            [prefix],
          );
        });
        return { answer: read.answer, waited: performance.now() - t0 };
      });
      if (process.env.DATABASE_URL) expect(waited).toBeLessThan(400);
      expect((await answer).map((row) => Number(row.n))).toEqual([1]);
    });

    describe('a PostgreSQL transaction (BEGIN and COMMIT pipelined)', () => {
      onPostgres('reports a COMMIT that fails, and nothing is committed', async () => {
        await dataSource.query(`CREATE TABLE IF NOT EXISTS "deferred_check" ("k" integer,
          CONSTRAINT "deferred_check_k" UNIQUE ("k") DEFERRABLE INITIALLY DEFERRED)`);
        const attempt = runInTransaction(dataSource, async (manager) => {
          await sendWrite(manager, 'INSERT INTO "deferred_check" ("k") VALUES (1), (1)', []);
          return 'the work itself went through';
        });
        const error: unknown = await attempt.then(
          () => null,
          (failure: unknown) => failure,
        );
        // The unique check is deferred to COMMIT: the writes succeeded, COMMIT did not.
        expect(error).toBeInstanceOf(QueryFailedError);
        expect((error as QueryFailedError<Error & { code?: string }>).driverError.code).toBe(
          '23505',
        );
        expect(await dataSource.query('SELECT count(*)::int AS n FROM "deferred_check"')).toEqual([
          { n: 0 },
        ]);
      });

      onPostgres(
        'sends BEGIN with the first statement and COMMIT with the last writes',
        async () => {
          const prefix = `TRIP${Date.now() % 1e9}`;
          let socketWrites = 0;
          await runInTransaction(dataSource, async (manager) => {
            // What went out so far: BEGIN waits in the stream, uncounted, for this tick to end.
            const stream = (
              transactionClientOf(manager) as unknown as { connection: { stream: Socket } }
            ).connection.stream;
            const counted = <F extends (...args: never[]) => void>(write: F) =>
              ((...args: Parameters<F>) => {
                socketWrites++;
                write(...args);
              }) as F;
            stream._write = counted(stream._write.bind(stream));
            if (stream._writev) stream._writev = counted(stream._writev.bind(stream));
            await manager.query('SELECT 1'); // round trip 1, with BEGIN
            await rowWriterOf(manager, LicenceSequenceEntity).insert(manager, [
              counter(prefix, '20261127'),
            ]);
            await rowWriterOf(manager, LicenceSequenceEntity).insert(manager, [
              counter(prefix, '20261128'),
            ]);
          }); // round trip 2: both inserts and COMMIT
          expect(socketWrites).toBe(2);
          expect(await counters(prefix)).toHaveLength(2);
        },
      );
    });
  });

  onPostgres('runs fixed statements as prepared statements, once per connection', async () => {
    const sql = 'SELECT $1::int + 1 AS "next"';
    const prepared = await runInTransaction(dataSource, async (manager) => {
      const first = await queryRows<{ next: number }>(manager, sql, [1]);
      const second = await queryRows<{ next: number }>(manager, sql, [41]);
      const [{ count }] = await manager.query<{ count: string }[]>(
        'SELECT count(*) AS "count" FROM pg_prepared_statements WHERE statement = $1',
        [sql],
      );
      return { first, second, count: Number(count) };
    });
    expect(prepared).toEqual({ first: [{ next: 2 }], second: [{ next: 42 }], count: 1 });
    // Outside a transaction it runs on a pooled connection, prepared there too.
    expect(await queryRows(dataSource.manager, sql, [6])).toEqual([{ next: 7 }]);
  });

  it('writes with sendUpdate exactly what manager.update writes', async () => {
    const messages = dataSource.getRepository(ExternalMessageEntity);
    const stamp = Date.now();
    const ids = [0, 1, 2, 3].map((n) => `upd-${stamp}-${n}`);
    await messages.insert(
      ids.map((id) => ({
        id,
        channel: 'sms',
        payload: { text: 'before' },
        recordedAt: new Date(0),
      })),
    );
    const changes = {
      payload: { text: '之后', n: 2 },
      recordedAt: new Date('2026-11-27T08:00:00Z'),
    };
    // A fixed statement: a value and an In() list; the query builder's: Not().
    await sendUpdate(dataSource.manager, ExternalMessageEntity, { id: ids[0] }, changes);
    await sendUpdate(dataSource.manager, ExternalMessageEntity, { id: In([ids[1]]) }, changes);
    await sendUpdate(
      dataSource.manager,
      ExternalMessageEntity,
      { id: ids[2], channel: Not('email') },
      changes,
    );
    await dataSource.manager.update(ExternalMessageEntity, { id: ids[3] }, changes);
    const rows = await messages.find({ where: { id: In(ids) }, order: { id: 'ASC' } });
    expect(rows.map(({ id, ...rest }) => ({ id: id.slice(-1), ...rest }))).toEqual(
      ['0', '1', '2', '3'].map((id) => ({ id, channel: 'sms', ...changes })),
    );
  });

  describe('SQLite transactions queued together', () => {
    const onSqlite = process.env.DATABASE_URL ? it.skip : it;

    onSqlite('sync every COMMIT to disk, also after the file was reopened', async () => {
      // The file is in WAL mode now: a connection opening it gets NORMAL unless told.
      const reopened = new DataSource(dataSourceOptions(db.database));
      await reopened.initialize();
      try {
        for (const source of [dataSource, reopened]) {
          expect(await source.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
          expect(await source.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
        }
      } finally {
        await reopened.destroy();
      }
    });

    onSqlite('share one COMMIT, each with its own outcome and async context', async () => {
      const prefix = `GRP${Date.now() % 1e9}`;
      const commits = countCommits();
      const context = new AsyncLocalStorage<string>();
      try {
        const attempts = ['a', 'b', 'c', 'd', 'e'].map((day, index) =>
          context.run(`caller ${day}`, () =>
            runInTransaction(dataSource, async (manager) => {
              await rowWriterOf(manager, LicenceSequenceEntity).insert(manager, [
                counter(prefix, `2026112${index}`),
              ]);
              if (day === 'c') throw new Error('c fails');
              return context.getStore();
            }),
          ),
        );
        const outcomes = await Promise.allSettled(attempts);
        expect(
          outcomes.map((outcome) =>
            outcome.status === 'fulfilled' ? outcome.value : String(outcome.reason),
          ),
        ).toEqual(['caller a', 'caller b', 'Error: c fails', 'caller d', 'caller e']);
      } finally {
        commits.stop();
      }
      // The group had begun with the first when the other four queued: they joined it.
      expect(commits.count).toBe(1);
      expect((await counters(prefix)).map((row) => row.day)).toEqual([
        '20261120',
        '20261121',
        '20261123',
        '20261124',
      ]);
    });

    onSqlite('cap a shared COMMIT at 64 transactions', async () => {
      const prefix = `CAP${Date.now() % 1e9}`;
      const commits = countCommits();
      try {
        await Promise.all(
          Array.from({ length: 70 }, (_, index) =>
            runInTransaction(dataSource, (manager) =>
              rowWriterOf(manager, LicenceSequenceEntity).insert(manager, [
                counter(prefix, String(20260000 + index)),
              ]),
            ),
          ),
        );
      } finally {
        commits.stop();
      }
      expect(commits.count).toBe(2);
      expect(await counters(prefix)).toHaveLength(70);
    });

    /** Counts the COMMITs sent on SQLite's one connection until `stop()`. */
    function countCommits(): { readonly count: number; stop(): void } {
      const runner = dataSource.createQueryRunner(); // better-sqlite3: the one shared runner
      const query = runner.query.bind(runner);
      let count = 0;
      runner.query = ((sql: string, ...rest: never[]) => {
        if (sql === 'COMMIT') count++;
        return query(sql, ...rest);
      }) as typeof runner.query;
      return {
        get count() {
          return count;
        },
        stop: () => {
          runner.query = query;
        },
      };
    }
  });

  // SQLite has no connection to lose: the file is opened in-process.
  onPostgres(
    'reports a connection lost mid-transaction as such, with nothing committed',
    async () => {
      const prefix = `LOST${Date.now() % 1e9}`;
      const attempt = runInTransaction(dataSource, async (manager) => {
        const [{ pid }] = await manager.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
        await manager.query(
          `INSERT INTO "licence_sequence" ("prefix", "day", "last_number") VALUES ($1, '20261127', 1)`,
          [prefix],
        );
        // From another connection, as a PostgreSQL shutdown or an administrator would.
        await dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
        // The driver's error event makes TypeORM release the connection under the work.
        for (let waited = 0; !manager.queryRunner?.isReleased && waited < 5000; waited += 20) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await manager.query('SELECT 1');
      });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseConnectionLost);
      expect(await dataSource.getRepository(LicenceSequenceEntity).countBy({ prefix })).toBe(0);
      // The pool goes on with fresh connections.
      expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    },
  );
});
