import { DataSource } from 'typeorm';
import { dataSourceOptions, pendingSchemaChanges, runInTransaction } from '@onevisit/persistence';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

/** Runs against the configured driver: SQLite by default, PostgreSQL with DATABASE_URL. */
describe(`persistence (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;

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
});
