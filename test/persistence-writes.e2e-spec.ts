import { randomUUID } from 'node:crypto';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import {
  CaseEntity,
  CaseEventEntity,
  dataSourceOptions,
  managerOf,
  OutboxEntity,
  rowWriterOf,
  runInTransaction,
  runOnItsOwn,
  TaskEntity,
} from '@onevisit/persistence';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/**
 * The event path writes rows with `RowWriter` (plain INSERTs, values converted by the
 * driver per column) instead of `manager.insert`: what it writes must read back exactly
 * as what TypeORM writes. And the transaction helpers must never make a caller inside a
 * transaction wait for a second connection.
 */
describe(`row writes and transactions (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('persistence-writes');
    dataSource = new DataSource(dataSourceOptions(db.database));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  /** Writes `make(id)` once with TypeORM and once with RowWriter; both read back alike. */
  async function sameAsTypeorm<T extends ObjectLiteral & { id: string }>(
    entity: EntityTarget<T>,
    make: (id: string) => T,
    /** Columns that differ between the two rows on purpose (unique keys). */
    differing: string[] = [],
  ): Promise<void> {
    const [viaTypeorm, viaWriter] = [make(randomUUID()), make(randomUUID())];
    await dataSource.manager.insert(entity, viaTypeorm);
    await runInTransaction(dataSource, (manager) =>
      rowWriterOf(manager, entity).insert(manager, [viaWriter]),
    );
    const repository = dataSource.getRepository(entity);
    const a = await repository.findOneByOrFail({ id: viaTypeorm.id } as never);
    const b = await repository.findOneByOrFail({ id: viaWriter.id } as never);
    const same = (row: T) =>
      Object.fromEntries(
        Object.entries(row).filter(([key]) => ![...differing, 'id'].includes(key)),
      );
    expect(same(b)).toEqual(same(a));
    expect(b).toEqual(viaWriter);
  }

  const at = new Date('2026-11-27T03:04:05.678Z');
  const caseId = randomUUID();

  it('writes case rows (JSON snapshot, dates, nulls) as TypeORM does', () =>
    sameAsTypeorm(CaseEntity, (id) => ({
      id,
      bundleCode: 'open-a-restaurant',
      bundleVersion: 3,
      status: 'processing' as const,
      snapshot: { value: { case: 'processing' }, context: { answers: { name: '张三' }, n: 1.5 } },
      version: 2,
      applicantSub: 'applicant-1',
      applicantName: '张三',
      proxySub: null,
      window: 'w-1',
      createdAt: at,
      updatedAt: at,
    })));

  it('writes events, outbox rows and tasks as TypeORM does', async () => {
    await sameAsTypeorm(
      CaseEventEntity,
      (id) => ({
        id,
        caseId: randomUUID(),
        seq: 2,
        type: 'ACCEPT',
        payload: { type: 'ACCEPT', note: 'a "quoted" \\ value' },
        actor: { kind: 'system', source: 'test' },
        fromState: null,
        toState: '"processing"',
        createdAt: at,
      }),
      ['caseId'],
    );
    await sameAsTypeorm(OutboxEntity, (id) => ({
      id,
      topic: 'licence.issue',
      payload: { caseId: 'c', caseVersion: 2, licenceTypes: ['a', 'b'] },
      createdAt: at,
      dispatchedAt: null,
      runAt: new Date(at.getTime() + 86_400_000),
    }));
    await sameAsTypeorm(TaskEntity, (id) => ({
      id,
      caseId,
      item: null,
      department: 'window',
      kind: 'intake',
      status: 'open' as const,
      claimedBy: null,
      dueDate: '2026-12-01',
      createdAt: at,
      completedAt: null,
      madeAtVersion: 1,
      dueFlag: null,
    }));
  });

  it('writes several rows in one statement, in order', async () => {
    const rows = [1, 2, 3].map((n) => ({
      id: randomUUID(),
      topic: `t-${n}`,
      payload: { n },
      createdAt: at,
      dispatchedAt: null,
      runAt: null,
    }));
    await runInTransaction(dataSource, (manager) =>
      rowWriterOf(manager, OutboxEntity).insert(manager, rows),
    );
    const read = await dataSource
      .getRepository(OutboxEntity)
      .find({ where: rows.map((row) => ({ id: row.id })) });
    expect(read.map((row) => row.payload).sort((a, b) => Number(a.n) - Number(b.n))).toEqual([
      { n: 1 },
      { n: 2 },
      { n: 3 },
    ]);
  });

  it('reads and nests inside a transaction on its connection, never a second one', async () => {
    const seen = await runInTransaction(dataSource, async (manager) => {
      const nested = await runOnItsOwn(dataSource, (inner) => Promise.resolve(inner));
      return { same: managerOf(dataSource) === manager, nested };
    });
    expect(seen.same).toBe(true);
    expect(seen.nested.joined).toBe(true);
    expect(managerOf(dataSource)).toBe(dataSource.manager);
    const alone = await runOnItsOwn(dataSource, () => Promise.resolve('own'));
    expect(alone).toEqual({ value: 'own', joined: false });
  });
});
