import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import type { CaseStage, CaseTemplates } from './case-templates.js';

/** How often each bundle is asked for (a district centre: companies and births lead). */
const BUNDLE_WEIGHTS: Record<string, number> = {
  'start-a-company': 0.3,
  'open-a-restaurant': 0.25,
  newborn: 0.2,
  retirement: 0.15,
  'after-death': 0.1,
};
/** Share of cases that are finished: most of a long history is closed. */
const FINISHED_SHARE = 0.85;
const HISTORY_DAYS = 730;
/** Template timestamps are milliseconds apart; one template millisecond becomes this many. */
const TIME_STRETCH = 60_000;
const WINDOWS = 20;
/** Scratch tables holding the stages; dropped when seeding ends. */
const TPL = {
  case: 'scale_tpl_case',
  item: 'scale_tpl_item',
  event: 'scale_tpl_event',
  task: 'scale_tpl_task',
};

export interface SeedOptions {
  cases: number;
  batch?: number;
  /** Parallel writers (one connection each). */
  writers?: number;
  now?: Date;
  random?: () => number;
  onProgress?: (done: number) => void;
}

/**
 * Writes `cases` cases (with items, events and tasks) copied from the engine-made
 * templates. The stages are loaded once into scratch tables; each batch then sends only
 * what differs per case (id, stage, applicant, window, start time) and PostgreSQL joins
 * it with the stages in one statement, so the big JSON columns never cross the wire again.
 */
export async function seedCases(
  dataSource: DataSource,
  templates: CaseTemplates,
  options: SeedOptions,
): Promise<void> {
  const random = options.random ?? Math.random;
  const now = (options.now ?? new Date()).getTime();
  const stages = await loadStages(dataSource, templates);
  const bundles = [...new Set(stages.map((stage) => stage.bundleCode))];
  const weights = bundles.map((code) => BUNDLE_WEIGHTS[code] ?? 0.05);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const stagesOf = new Map(
    bundles.map((code) => [code, stages.filter((stage) => stage.bundleCode === code)]),
  );

  const pickStage = (): number => {
    let roll = random() * totalWeight;
    let index = 0;
    while (index < bundles.length - 1 && roll >= (weights[index] ?? 0)) {
      roll -= weights[index] ?? 0;
      index += 1;
    }
    const own = stagesOf.get(bundles[index] ?? '') ?? [];
    const chosen =
      random() < FINISHED_SHARE
        ? own[own.length - 1]
        : own[Math.floor(random() * (own.length - 1))];
    return chosen?.id ?? 0;
  };

  const batch = options.batch ?? 5000;
  const writers = options.writers ?? 2;
  let next = 0;
  let done = 0;
  const writer = async (): Promise<void> => {
    const client = dataSource.createQueryRunner();
    await client.connect();
    try {
      await client.query('SET synchronous_commit = off');
      while (next < options.cases) {
        const count = Math.min(batch, options.cases - next);
        const first = next;
        next += count;
        const columns = {
          id: [] as string[],
          stage: [] as number[],
          sub: [] as string[],
          name: [] as string[],
          proxy: [] as (string | null)[],
          win: [] as (string | null)[],
          start: [] as string[],
        };
        for (let n = 0; n < count; n += 1) {
          // A few applicants come back often; most apply once or twice.
          const applicant = Math.floor(400_000 * random() * random());
          const atWindow = random() < 0.6;
          columns.id.push(randomUUID());
          columns.stage.push(pickStage());
          columns.sub.push(`applicant-${applicant}`);
          columns.name.push(`申请人${applicant}`);
          columns.proxy.push(atWindow ? `clerk-${(first + n) % 50}` : null);
          columns.win.push(atWindow ? `w${1 + ((first + n) % WINDOWS)}` : null);
          const start = now - 86_400_000 - Math.floor(random() * HISTORY_DAYS * 86_400_000);
          columns.start.push(new Date(start).toISOString());
        }
        await insertBatch(client, Object.values(columns), now);
        done += count;
        options.onProgress?.(done);
      }
    } finally {
      await client.release();
    }
  };
  try {
    await Promise.all(Array.from({ length: writers }, () => writer()));
  } finally {
    for (const table of Object.values(TPL)) await dataSource.query(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** One statement per batch: the cases, then their items, events and tasks from the stages. */
async function insertBatch(client: QueryRunner, params: unknown[], now: number): Promise<void> {
  // A time the template does not have (a task not completed, an item not ended) stays
  // NULL: PostgreSQL's LEAST skips NULLs, so LEAST alone would make it "now".
  const at = (offset: string) =>
    `CASE WHEN ${offset} IS NOT NULL THEN LEAST(b.start + ${offset} * ${TIME_STRETCH} * interval '1 millisecond', $8::timestamp) END`;
  await client.query(
    `WITH b AS (
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::timestamp[]) AS b(id, stage, sub, name, proxy, win, start)
     ), c AS (
       INSERT INTO "case" (id, bundle_code, bundle_version, status, snapshot, version,
                           applicant_sub, applicant_name, proxy_sub, "window", created_at, updated_at)
       SELECT b.id, t.bundle_code, t.bundle_version, t.status, t.snapshot, t.version,
              b.sub, b.name, b.proxy, b.win, ${at('t.created_off')}, ${at('t.updated_off')}
         FROM b JOIN ${TPL.case} t ON t.stage = b.stage
     ), i AS (
       INSERT INTO case_item (case_id, item, department, status, due_date, started_at, ended_at, reason)
       SELECT b.id, t.item, t.department, t.status, t.due_date,
              ${at('t.started_off')}, ${at('t.ended_off')}, t.reason
         FROM b JOIN ${TPL.item} t ON t.stage = b.stage
     ), e AS (
       INSERT INTO case_event (id, case_id, seq, type, payload, actor, from_state, to_state, created_at)
       SELECT gen_random_uuid()::text, b.id, t.seq, t.type, t.payload, t.actor, t.from_state,
              t.to_state, ${at('t.created_off')}
         FROM b JOIN ${TPL.event} t ON t.stage = b.stage
     )
     INSERT INTO task (id, case_id, item, department, kind, status, claimed_by, due_date,
                       created_at, completed_at, made_at_version)
     SELECT gen_random_uuid()::text, b.id, t.item, t.department, t.kind, t.status, t.claimed_by,
            t.due_date, ${at('t.created_off')}, ${at('t.completed_off')}, t.made_at_version
       FROM b JOIN ${TPL.task} t ON t.stage = b.stage`,
    [...params, new Date(now).toISOString()],
  );
}

interface LoadedStage {
  id: number;
  bundleCode: string;
}

/** Writes every stage into the scratch tables, times as offsets from the case's start. */
async function loadStages(
  dataSource: DataSource,
  templates: CaseTemplates,
): Promise<LoadedStage[]> {
  for (const table of Object.values(TPL)) await dataSource.query(`DROP TABLE IF EXISTS ${table}`);
  await dataSource.query(`CREATE TABLE ${TPL.case} (stage int, bundle_code text, bundle_version int,
    status text, snapshot text, version int, created_off bigint, updated_off bigint)`);
  await dataSource.query(`CREATE TABLE ${TPL.item} (stage int, item text, department text,
    status text, due_date text, started_off bigint, ended_off bigint, reason text)`);
  await dataSource.query(`CREATE TABLE ${TPL.event} (stage int, seq int, type text, payload text,
    actor text, from_state text, to_state text, created_off bigint)`);
  await dataSource.query(`CREATE TABLE ${TPL.task} (stage int, item text, department text,
    kind text, status text, claimed_by text, due_date text, created_off bigint,
    completed_off bigint, made_at_version int)`);
  const versions = await publishedVersions(dataSource);
  const loaded: LoadedStage[] = [];
  let id = 0;
  for (const [code, stages] of Object.entries(templates.stages)) {
    const version = versions.get(code);
    if (version === undefined) throw new Error(`bundle ${code} is not published in the target`);
    for (const stage of stages) {
      id += 1;
      await insertStage(dataSource, id, stage, version);
      loaded.push({ id, bundleCode: code });
    }
  }
  return loaded;
}

async function publishedVersions(dataSource: DataSource): Promise<Map<string, number>> {
  const rows: { code: string; version: number }[] = await dataSource.query(
    `SELECT code, max(version) AS version FROM bundle_definition WHERE status = 'published' GROUP BY code`,
  );
  return new Map(rows.map((row) => [row.code, Number(row.version)]));
}

async function insertStage(
  dataSource: DataSource,
  id: number,
  stage: CaseStage,
  version: number,
): Promise<void> {
  const t0 = stage.case.createdAt.getTime();
  const off = (value: Date | null) => (value === null ? null : value.getTime() - t0);
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  await dataSource.query(`INSERT INTO ${TPL.case} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
    id,
    stage.bundleCode,
    version,
    stage.status,
    json(stage.case.snapshot),
    stage.case.version,
    0,
    off(stage.case.updatedAt),
  ]);
  for (const item of stage.items) {
    await dataSource.query(`INSERT INTO ${TPL.item} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      id,
      item.item,
      item.department,
      item.status,
      item.dueDate,
      off(item.startedAt),
      off(item.endedAt),
      json(item.reason),
    ]);
  }
  for (const event of stage.events) {
    await dataSource.query(`INSERT INTO ${TPL.event} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      id,
      event.seq,
      event.type,
      json(event.payload),
      json(event.actor),
      event.fromState,
      event.toState,
      off(event.createdAt),
    ]);
  }
  for (const task of stage.tasks) {
    await dataSource.query(
      `INSERT INTO ${TPL.task} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        task.item,
        task.department,
        task.kind,
        task.status,
        task.claimedBy,
        task.dueDate,
        off(task.createdAt),
        off(task.completedAt),
        task.madeAtVersion,
      ],
    );
  }
}
