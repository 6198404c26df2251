import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  BundleDefinitionEntity,
  CatalogueEntryVersionEntity,
  dataSourceOptions,
  ServiceItemEntity,
} from '@onevisit/persistence';
import { checkWorkflows } from '../apps/api/src/cli/workflows-check.js';
import { publishWorkflows } from '../apps/api/src/cli/workflows-publish.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { WORKFLOWS_ROOT } from './support/workflow-fixtures.js';

describe('workflows CLIs', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase('workflows_cli');
    dataSource = new DataSource(dataSourceOptions(db.database));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('finds the seeded workflows valid', async () => {
    const { errors, summary } = await checkWorkflows(WORKFLOWS_ROOT);
    expect(errors).toEqual([]);
    expect(summary).toMatch(/\d+ bundles/);
  });

  it('reports every error of a broken copy as file#/pointer', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'onevisit-wf-')), 'workflows');
    try {
      cpSync(WORKFLOWS_ROOT, copy, { recursive: true });
      const file = join(copy, 'bundles', 'open-a-restaurant.json');
      const bundle = JSON.parse(readFileSync(file, 'utf8')) as {
        promisedLimitDays: number;
        items: { item: string }[];
      };
      bundle.promisedLimitDays = 0;
      bundle.items.push({ item: 'no-such-item' });
      writeFileSync(file, JSON.stringify(bundle));
      writeFileSync(join(copy, 'catalogue', 'items', 'zz-broken.json'), '{ not json');
      const { errors } = await checkWorkflows(copy);
      const files = errors.map((e) => e.file);
      expect(files).toContain('workflows/catalogue/items/zz-broken.json');
      expect(
        files.filter((f) => f === 'workflows/bundles/open-a-restaurant.json').length,
      ).toBeGreaterThanOrEqual(1);
    } finally {
      rmSync(join(copy, '..'), { recursive: true, force: true });
    }
  });

  it('publishes the catalogue and bundles once; a second run creates nothing', async () => {
    const first = await publishWorkflows(dataSource, WORKFLOWS_ROOT, 'cli:test');
    expect(first.failed).toBe(0);
    expect(first.created).toBeGreaterThan(0);
    const rows = await dataSource.getRepository(BundleDefinitionEntity).count();
    const items = await dataSource.getRepository(ServiceItemEntity).count();
    expect(rows).toBe(first.created);
    expect(items).toBeGreaterThan(0);
    // Each entry the files brought became its version 1, as an admin's publish would.
    const versions = await dataSource
      .getRepository(CatalogueEntryVersionEntity)
      .findBy({ kind: 'item' });
    expect(versions).toHaveLength(items);
    expect(versions.every((row) => row.version === 1 && row.createdBy === 'cli:test')).toBe(true);

    const second = await publishWorkflows(dataSource, WORKFLOWS_ROOT, 'cli:test');
    expect(second).toMatchObject({ created: 0, failed: 0 });
    expect(second.lines).toContain('nothing new to publish');
    expect(
      second.lines
        .filter((l) => l.startsWith('catalogue'))
        .every((l) => / 0 created, 0 updated/.test(l)),
    ).toBe(true);
    expect(await dataSource.getRepository(BundleDefinitionEntity).count()).toBe(rows);
  });

  it('publishes a changed catalogue file as the next version of its entries', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'onevisit-wf-')), 'workflows');
    try {
      cpSync(WORKFLOWS_ROOT, copy, { recursive: true });
      const file = join(copy, 'catalogue', 'items', 'market-regulation.json');
      const items = JSON.parse(readFileSync(file, 'utf8')) as {
        items: { code: string; name: { zh: string; en: string } }[];
      };
      const food = items.items.find((item) => item.code === 'food-operation-licence')!;
      food.name = { ...food.name, en: 'Food business licence' };
      writeFileSync(file, JSON.stringify(items));
      const report = await publishWorkflows(dataSource, copy, 'cli:test');
      const unchanged = (await dataSource.getRepository(ServiceItemEntity).count()) - 1;
      expect(report.lines).toContain(
        `catalogue items: 0 created, 1 updated, ${unchanged} unchanged`,
      );
      const versions = await dataSource.getRepository(CatalogueEntryVersionEntity).find({
        where: { kind: 'item', code: 'food-operation-licence' },
        order: { version: 'DESC' },
      });
      expect(versions.map((row) => [row.version, row.createdBy])).toEqual([
        [2, 'cli:test'],
        [1, 'cli:test'],
      ]);
      // The bundle file still declares version 1, which is published with other content:
      // the file must declare the next version to publish the change.
      expect(
        report.lines.some((line) => line.startsWith('workflows/bundles/open-a-restaurant.json: ')),
      ).toBe(true);
      expect(report.failed).toBeGreaterThan(0);
    } finally {
      rmSync(join(copy, '..'), { recursive: true, force: true });
    }
  });
});
