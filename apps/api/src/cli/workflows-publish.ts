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
  const summary = await catalogue.upsert(tree.catalogue);
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
  if (report.created === 0 && report.failed === 0) report.lines.push('nothing new to publish');
  return report;
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
