import { parseArgs } from 'node:util';
import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { loadConfig } from '@onevisit/config';
import { seededBundles, WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';
import { recordCaseTemplates } from './case-templates.js';
import {
  ensureDatabase,
  migratedDataSource,
  SCALE_DATABASE_URL,
  SCALE_VAR_DIR,
} from './scale-database.js';
import { seedCases } from './seed-cases.js';
import { wholeNumber } from '../support/whole-number.js';

/**
 * `npm run scale:seed [-- --cases 1000000 --fresh]`: a long case history in PostgreSQL
 * (SCALE_DATABASE_URL) for the scale load test. Never part of CI at full size.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '1000000' },
      fresh: { type: 'boolean', default: false },
      writers: { type: 'string', default: '2' },
    },
  });
  const cases = wholeNumber('--cases', values.cases, 1_000_000);
  const writers = wholeNumber('--writers', values.writers, 2);
  const url = SCALE_DATABASE_URL;
  const began = Date.now();
  const elapsed = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;

  const templates = await recordCaseTemplates({ varDir: SCALE_VAR_DIR });
  for (const [code, stages] of Object.entries(templates.stages)) {
    console.log(`template ${code}: ${stages.length} stages, ends ${stages.at(-1)?.status}`);
  }
  await ensureDatabase(url, values.fresh);
  await publishCatalogue(url);
  const dataSource = await migratedDataSource(url);
  console.log(`templates recorded, catalogue published (${elapsed()})`);
  try {
    let last = 0;
    await seedCases(dataSource, templates, {
      cases,
      writers,
      onProgress: (done) => {
        if (done - last >= 20_000 || done === cases) {
          last = done;
          console.log(`${done} cases (${elapsed()})`);
        }
      },
    });
    console.log(`ANALYZE (${elapsed()})`);
    await dataSource.query('ANALYZE');
    const [counts] = await dataSource.query<Record<string, string>[]>(
      `SELECT (SELECT count(*) FROM "case") AS cases, (SELECT count(*) FROM case_item) AS items,
              (SELECT count(*) FROM case_event) AS events, (SELECT count(*) FROM task) AS tasks`,
    );
    console.log(`seeded in ${elapsed()}: ${JSON.stringify(counts)}`);
  } finally {
    await dataSource.destroy();
  }
}

/** Catalogue rows and published bundles, as `workflows:publish` makes them (idempotent). */
async function publishCatalogue(url: string): Promise<void> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    VAR_DIR: SCALE_VAR_DIR,
    JWT_SECRET: 'scale-seed-'.padEnd(48, 'x'),
  });
  const app = await createApiApp({ config, logger: false });
  try {
    const tree = await readWorkflowTree(WORKFLOWS_ROOT);
    await app.get(CatalogueService).upsert(tree.catalogue);
    for (const bundle of seededBundles()) await app.get(BundleService).publish(bundle, 'seed');
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
