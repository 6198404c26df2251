import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { BundleService, CatalogueService, readWorkflowTree } from '@onevisit/catalogue';
import { loadConfig } from '@onevisit/config';
import { validateAnswers } from '@onevisit/definitions';
import { CaseDefinitions, CaseService, TaskService } from '@onevisit/engine';
import { CaseEntity, CaseEventEntity, CaseItemEntity, TaskEntity } from '@onevisit/persistence';
import { seededBundles, WORKFLOWS_ROOT } from '../support/workflow-fixtures.js';
import { answersFor, applicantActor, stepCase } from './case-autopilot.js';

/** The rows of one case at one point of its life, as the engine wrote them. */
export interface CaseStage {
  bundleCode: string;
  bundleVersion: number;
  status: string;
  case: CaseEntity;
  items: CaseItemEntity[];
  events: CaseEventEntity[];
  tasks: TaskEntity[];
}

export interface CaseTemplates {
  /** Published bundle rows to copy into the target database first. */
  bundles: string[];
  /** Per bundle, every stage from submission to the final one, in order. */
  stages: Record<string, CaseStage[]>;
}

/** Upper bound of steps for one case: a bundle with more is a bug in the autopilot. */
const MAX_STEPS = 200;

/**
 * Runs one case of every seeded bundle through the real engine on a scratch SQLite
 * database and records its rows after each step (`varDir`: the target's, see below). The seeder copies these stages, so
 * seeded rows are exactly what the engine writes (snapshots replay, read models agree).
 */
export async function recordCaseTemplates(
  options: { varDir?: string } = {},
): Promise<CaseTemplates> {
  const dir = mkdtempSync(join(tmpdir(), 'onevisit-templates-'));
  // Personal answers are encrypted with keys kept under VAR_DIR (unless PII_KEYS is set):
  // record with the target's VAR_DIR so that the API serving the copies can read them.
  const config = loadConfig({
    ...process.env,
    VAR_DIR: options.varDir ?? dir,
    JWT_SECRET: 'template-secret-'.padEnd(48, 'x'),
  });
  config.database = { type: 'sqlite', path: join(dir, 'templates.sqlite') };
  const app = await createApiApp({ config, logger: false });
  try {
    const tree = await readWorkflowTree(WORKFLOWS_ROOT);
    await app.get(CatalogueService).upsert(tree.catalogue);
    const bundles = seededBundles();
    for (const bundle of bundles) await app.get(BundleService).publish(bundle, 'seed');
    const services = {
      cases: app.get(CaseService),
      tasks: app.get(TaskService),
      dataSource: app.get(DataSource),
    };
    const stages: Record<string, CaseStage[]> = {};
    for (const bundle of bundles) {
      const definition = await app.get(CaseDefinitions).latest(bundle.code);
      const answers = answersFor(definition.compiled.form);
      const checked = validateAnswers(definition.compiled.form, answers);
      if (checked.errors.length > 0) {
        throw new Error(`answers for ${bundle.code}: ${JSON.stringify(checked.errors)}`);
      }
      const started = await services.cases.start(
        { bundleCode: bundle.code, answers },
        applicantActor('template-applicant'),
      );
      const recorded = [await stageOf(services.dataSource, started.id)];
      for (let step = 0; step < MAX_STEPS; step += 1) {
        const next = await stepCase(services, started.id);
        if (!next) break;
        recorded.push(await stageOf(services.dataSource, started.id));
      }
      stages[bundle.code] = recorded;
    }
    return { bundles: bundles.map((bundle) => bundle.code), stages };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function stageOf(dataSource: DataSource, caseId: string): Promise<CaseStage> {
  const manager = dataSource.manager;
  const row = await manager.findOneByOrFail(CaseEntity, { id: caseId });
  return {
    bundleCode: row.bundleCode,
    bundleVersion: row.bundleVersion,
    status: row.status,
    case: row,
    items: await manager.find(CaseItemEntity, { where: { caseId }, order: { item: 'ASC' } }),
    events: await manager.find(CaseEventEntity, { where: { caseId }, order: { seq: 'ASC' } }),
    tasks: await manager.find(TaskEntity, { where: { caseId }, order: { createdAt: 'ASC' } }),
  };
}
