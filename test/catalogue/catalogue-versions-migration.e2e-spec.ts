import { DataSource } from 'typeorm';
import {
  CatalogueEntryVersionEntity,
  dataSourceOptions,
  PERSISTENCE_MIGRATIONS,
  ServiceItemEntity,
  TransactionRunner,
} from '@onevisit/persistence';
import { CatalogueService, contentChecksum, readWorkflowTree } from '@onevisit/catalogue';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';

/**
 * A database whose catalogue was loaded before entries had versions: the migration makes
 * each current entry its version 1, so the admin API has a history to start from.
 */
describe('catalogue versions migration', () => {
  let db: TestDatabase;
  afterAll(() => db.drop());

  it('turns every entry loaded before it into version 1', async () => {
    db = await createTestDatabase('catalogue_versions_migration');
    const older = PERSISTENCE_MIGRATIONS.filter((m) => m.name !== 'CatalogueVersions1764450000000');
    const before = new DataSource({ ...dataSourceOptions(db.database), migrations: older });
    await before.initialize();
    const tree = await readWorkflowTree(WORKFLOWS_ROOT);
    // As the loader wrote rows before: straight into the catalogue tables.
    const at = new Date('2026-01-05T08:00:00Z');
    for (const item of tree.catalogue.items) {
      await before.getRepository(ServiceItemEntity).insert({
        code: item.code,
        body: item,
        checksum: contentChecksum(item),
        updatedAt: at,
      });
    }
    await before.destroy();

    const after = new DataSource(dataSourceOptions(db.database));
    await after.initialize();
    try {
      const rows = await after.getRepository(CatalogueEntryVersionEntity).find();
      expect(rows).toHaveLength(tree.catalogue.items.length);
      for (const row of rows) {
        expect(row).toMatchObject({
          kind: 'item',
          version: 1,
          status: 'published',
          createdBy: 'migration',
        });
        expect(row.checksum).toBe(contentChecksum(row.body));
        expect(row.publishedAt?.toISOString()).toBe(at.toISOString());
      }
      // Loading the same files again finds nothing new to version.
      const catalogue = new CatalogueService(after, new TransactionRunner(after));
      const summary = await catalogue.upsert(tree.catalogue);
      expect(summary.items).toMatchObject({ created: 0, updated: 0 });
      expect(await after.getRepository(CatalogueEntryVersionEntity).countBy({ kind: 'item' })).toBe(
        rows.length,
      );
    } finally {
      await after.destroy();
    }
  });
});
