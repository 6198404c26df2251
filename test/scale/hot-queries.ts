import type { DataSource } from 'typeorm';

/** Tables that grow with the history: a sequential scan of one is a bug at scale. */
export const BIG_TABLES = ['case', 'case_item', 'case_event', 'task'];

export interface QueryPlan {
  name: string;
  sql: string;
  /** EXPLAIN ANALYZE output, one line per plan node. */
  plan: string[];
  /** Big tables the plan reads with a sequential scan (empty when all use indexes). */
  seqScans: string[];
  executionMs: number;
}

export interface HotQuerySamples {
  department: string;
  applicantSub: string;
  caseId: string;
}

/** PostgreSQL: rows of `table` matching `where`, in `order`, as one JSON array column. */
const jsonRows = (table: string, where: string, order: string) =>
  `(SELECT coalesce(json_agg(r ORDER BY ${order}), '[]'::json) FROM (SELECT * FROM ${table} WHERE ${where}) r)`;

/**
 * The statements behind the hot reads, as TaskService.list and CaseReads (the fixed SQL
 * of CaseService.list and CaseService.get on PostgreSQL) send them: same filters, order,
 * limits and shape (one statement per request; the other tables as JSON columns).
 */
export function hotQueries(
  samples: HotQuerySamples,
): { name: string; sql: string; params: unknown[] }[] {
  return [
    {
      name: 'work list (GET /tasks?status=open)',
      sql: `SELECT * FROM task WHERE department = $1 AND status IN ($2) ORDER BY created_at ASC LIMIT 50`,
      params: [samples.department, 'open'],
    },
    {
      name: 'work list, any status (GET /tasks)',
      sql: `SELECT * FROM task WHERE department = $1 ORDER BY created_at ASC LIMIT 50`,
      params: [samples.department],
    },
    {
      name: "applicant's cases with their items (GET /cases)",
      sql: `SELECT c.*, ${jsonRows('case_item', 'case_id = c.id', 'item ASC')} AS items
              FROM "case" c WHERE applicant_sub = $1 ORDER BY created_at DESC LIMIT 100`,
      params: [samples.applicantSub],
    },
    {
      name: 'centre cases with their items, newest first (clerk without window, supervisor)',
      sql: `SELECT c.*, ${jsonRows('case_item', 'case_id = c.id', 'item ASC')} AS items
              FROM "case" c ORDER BY created_at DESC LIMIT 100`,
      params: [],
    },
    {
      name: 'tracking view: case, items, timeline, materials, clocks (GET /cases/:id)',
      sql: `SELECT (SELECT row_to_json(c) FROM (SELECT * FROM "case" WHERE id = $1) c) AS "case",
              ${jsonRows('case_item', 'case_id = $1', 'item ASC')} AS items,
              ${jsonRows('case_event', 'case_id = $1', 'seq ASC')} AS timeline,
              ${jsonRows('case_material', 'case_id = $1', 'created_at ASC')} AS materials,
              ${jsonRows('case_clock', 'case_id = $1', 'started_at ASC, key ASC')} AS clocks`,
      params: [samples.caseId],
    },
  ];
}

/** EXPLAIN ANALYZE of every hot query on PostgreSQL, with the big tables it scans. */
export async function explainHotQueries(
  db: DataSource,
  given: HotQuerySamples | null,
): Promise<QueryPlan[]> {
  const samples = given ?? (await pickSamples(db));
  const plans: QueryPlan[] = [];
  for (const query of hotQueries(samples)) {
    const rows = await db.query<
      {
        'QUERY PLAN': string;
      }[]
    >(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
    const plan = rows.map((row) => row['QUERY PLAN']);
    const seqScans = BIG_TABLES.filter((table) =>
      plan.some((line) => new RegExp(`Seq Scan on "?${table}"?( |$)`).test(line.trim())),
    );
    const executionMs = Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1] ?? NaN);
    plans.push({ name: query.name, sql: query.sql, plan, seqScans, executionMs });
  }
  return plans;
}

async function pickSamples(db: DataSource): Promise<HotQuerySamples> {
  const [row] = await db.query<
    { department: string | null; applicant_sub: string | null; case_id: string | null }[]
  >(
    `SELECT (SELECT department FROM task WHERE status = 'open' GROUP BY department
              ORDER BY count(*) DESC LIMIT 1) AS department,
            (SELECT applicant_sub FROM "case" ORDER BY id LIMIT 1) AS applicant_sub,
            (SELECT id FROM "case" ORDER BY id DESC LIMIT 1) AS case_id`,
  );
  if (!row?.department || !row.applicant_sub || !row.case_id) {
    throw new Error('no cases or open tasks to explain the hot queries with');
  }
  return { department: row.department, applicantSub: row.applicant_sub, caseId: row.case_id };
}
