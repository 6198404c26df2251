import { userInfo } from 'node:os';
import { validateCatalogue } from '@onevisit/definitions';
import {
  BundleService,
  CatalogueService,
  CompiledBundleCache,
  DefinitionInvalidException,
  formatFileError,
  locateCatalogueError,
  readWorkflowTree,
} from '@onevisit/catalogue';
import { loadConfig } from '@onevisit/config';
import { TransactionRunner } from '@onevisit/persistence';
import { HttpException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { join } from 'node:path';
import { CalendarStore, formatCalendarFileError, readCalendarFiles } from '@onevisit/calendar';
import { openDataSource, runCli, workflowsRoot } from './cli-support.js';

export interface PublishReport {
  lines: string[];
  created: number;
  failed: number;
}

/**
 * Loads workflows/ into the database: the catalogue upserted by code, then each bundle
 * published. Idempotent by checksum: a second run with the same files creates nothing.
 */
export async function publishWorkflows(
  dataSource: DataSource,
  root: string,
  actor: string,
): Promise<PublishReport> {
  const transactions = new TransactionRunner(dataSource);
  const catalogue = new CatalogueService(dataSource, transactions);
  const bundles = new BundleService(dataSource, transactions, catalogue, new CompiledBundleCache());
  const report: PublishReport = { lines: [], created: 0, failed: 0 };

  const tree = await readWorkflowTree(root);
  const catalogueErrors = [
    ...tree.errors,
    ...(await validateCatalogue(tree.catalogue)).map((error) => locateCatalogueError(tree, error)),
  ];
  if (catalogueErrors.length > 0) {
    report.lines.push(
      ...catalogueErrors.map(formatFileError),
      'catalogue invalid: nothing published',
    );
    report.failed = catalogueErrors.length;
    return report;
  }
  const summary = await catalogue.upsert(tree.catalogue, actor);
  for (const [list, counts] of Object.entries(summary)) {
    report.lines.push(
      `catalogue ${list}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`,
    );
  }

  for (const file of tree.bundles) {
    try {
      const { created, version } = await bundles.publish(file.plain, actor);
      if (created) report.created += 1;
      report.lines.push(
        `${file.file}: ${version.code} ${created ? `published as version ${version.version}` : `unchanged (version ${version.version})`}`,
      );
    } catch (error) {
      report.failed += 1;
      if (error instanceof DefinitionInvalidException) {
        report.lines.push(...error.errors.map((e) => formatFileError({ ...e, file: file.file })));
      } else if (error instanceof HttpException) {
        report.lines.push(`${file.file}: ${error.message}`);
      } else {
        throw error;
      }
    }
  }
  await publishCalendars(dataSource, root, actor, report);
  if (report.created === 0 && report.failed === 0) report.lines.push('nothing new to publish');
  return report;
}

/**
 * Loads each calendar year of workflows/calendar that the database does not have yet.
 * A year already loaded is never replaced from here, since admins may have edited its
 * days: replacing one is an import through the admin API.
 */
async function publishCalendars(
  dataSource: DataSource,
  root: string,
  actor: string,
  report: PublishReport,
): Promise<void> {
  const store = new CalendarStore(new TransactionRunner(dataSource));
  const { years: loaded } = await store.loadAll();
  for (const file of await readCalendarFiles(join(root, 'calendar'))) {
    if (file.errors.length > 0) {
      report.failed += file.errors.length;
      report.lines.push(
        ...file.errors.map((e) => formatCalendarFileError(`workflows/calendar/${file.file}`, e)),
      );
      continue;
    }
    const fresh = file.years.filter(
      (year) => !loaded.some((row) => row.region === year.region && row.year === year.year),
    );
    if (fresh.length > 0) await store.replaceYears(fresh, `${actor} (${file.file})`);
    for (const year of file.years) {
      report.lines.push(
        `calendar ${year.region} ${year.year}: ${fresh.includes(year) ? 'loaded' : 'already loaded, kept'}`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(async () => {
    const dataSource = await openDataSource(loadConfig());
    try {
      const report = await publishWorkflows(
        dataSource,
        workflowsRoot(),
        `cli:${userInfo().username}`,
      );
      for (const line of report.lines) console.log(line);
      return report.failed > 0 ? 1 : 0;
    } finally {
      await dataSource.destroy();
    }
  });
}
