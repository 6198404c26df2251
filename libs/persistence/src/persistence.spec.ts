import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';
import { OutboxEntity } from './entities/outbox.entity.js';
import { runInTransaction } from './run-in-transaction.js';
import { pendingSchemaChanges } from './schema-drift.js';

describe('persistence on SQLite', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onevisit-persistence-'));
    dataSource = new DataSource(
      dataSourceOptions({ type: 'sqlite', path: join(dir, 'test.sqlite') }),
    );
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the migrations, leaving nothing for the entities to change', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('runs in WAL mode', async () => {
    const rows: { journal_mode: string }[] = await dataSource.query('PRAGMA journal_mode');
    expect(rows[0]?.journal_mode).toBe('wal');
  });

  it('serialises concurrent transactions: 50 optimistic increments lose nothing', async () => {
    await dataSource.query(
      'CREATE TABLE counter (id integer primary key, value integer not null, version integer not null)',
    );
    await dataSource.query('INSERT INTO counter (id, value, version) VALUES (1, 0, 0)');
    let conflicts = 0;
    const increment = () =>
      runInTransaction(dataSource, async (manager) => {
        const [row] = await manager.query<
          {
            value: number;
            version: number;
          }[]
        >('SELECT value, version FROM counter WHERE id = 1');
        // Yield between read and write, as real work (validation, compiling) would.
        await new Promise((resolve) => setImmediate(resolve));
        await manager.query(
          'UPDATE counter SET value = ?, version = ? WHERE id = 1 AND version = ?',
          [row.value + 1, row.version + 1, row.version],
        );
        const [after] = await manager.query<{ n: number }[]>('SELECT changes() AS n');
        if (after.n !== 1) conflicts += 1;
      });
    await Promise.all(Array.from({ length: 50 }, increment));
    const [row] = await dataSource.query<
      {
        value: number;
        version: number;
      }[]
    >('SELECT value, version FROM counter WHERE id = 1');
    expect(conflicts).toBe(0);
    expect(row).toEqual({ value: 50, version: 50 });
  });

  it('rolls back a failed transaction without blocking the ones queued behind it', async () => {
    const failing = runInTransaction(dataSource, async (manager) => {
      await manager.insert(OutboxEntity, {
        id: 'a',
        topic: 't',
        payload: {},
        createdAt: new Date(),
        dispatchedAt: null,
      });
      throw new Error('boom');
    });
    const next = runInTransaction(dataSource, (manager) =>
      manager.insert(OutboxEntity, {
        id: 'b',
        topic: 't',
        payload: { n: 1 },
        createdAt: new Date(),
        dispatchedAt: null,
      }),
    );
    await expect(failing).rejects.toThrow('boom');
    await next;
    const ids = (await dataSource.getRepository(OutboxEntity).find()).map((row) => row.id);
    expect(ids).toEqual(['b']);
  });

  it('lets a nested call join the enclosing transaction instead of deadlocking', async () => {
    const count = await runInTransaction(dataSource, async (manager) => {
      await runInTransaction(dataSource, (inner) =>
        inner.insert(OutboxEntity, {
          id: 'c',
          topic: 't',
          payload: {},
          createdAt: new Date(),
          dispatchedAt: null,
        }),
      );
      return manager.count(OutboxEntity);
    });
    expect(count).toBe(2);
  });
});
