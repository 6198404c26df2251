import { NotFoundException } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import {
  CaseClockEntity,
  CaseEntity,
  CaseEventEntity,
  CaseItemEntity,
  CaseMaterialEntity,
  jsonRowsOf,
  parameterList,
  parameterOf,
  perDataSource,
  queryRows,
  RowReader,
} from '@onevisit/persistence';
import { type CaseClocksView, clockViewOf } from './clocks/clock-view.js';

const TIMELINE_COLUMNS = ['seq', 'type', 'actor', 'fromState', 'toState', 'createdAt'] as const;
const MATERIAL_COLUMNS = ['material', 'source', 'licenceNumber', 'createdAt'] as const;

export type TimelineRow = Pick<CaseEventEntity, (typeof TIMELINE_COLUMNS)[number]>;
export type MaterialRow = Pick<CaseMaterialEntity, (typeof MATERIAL_COLUMNS)[number]>;

/** Everything the tracking view of one case is made of. */
export interface CaseViewRows {
  row: CaseEntity;
  items: CaseItemEntity[];
  timeline: TimelineRow[];
  materials: MaterialRow[];
  clocks: CaseClocksView;
}

/**
 * The queries behind the tracking view and the case lists (the hot reads), as fixed SQL
 * over `RowReader`s, with the filters, order and limits of the `find` calls they replace
 * (test/scale/hot-queries.ts checks their plans). The case row is read as stored
 * (personal answers still encrypted): no view shows answers, and decrypting them on
 * every read was wasted work.
 *
 * On PostgreSQL each read is one statement: the tracking view's five tables come back as
 * JSON columns of one row, a list's items as a JSON column of each case. A profile of the
 * API under load showed socket writes — one per statement sent — as its largest cost, so
 * round trips, not query plans, were what to cut. SQLite (in process, no sockets) keeps
 * plain separate queries.
 */
export class CaseReads {
  private readonly postgres: boolean;
  private readonly cases: RowReader<CaseEntity>;
  private readonly items: RowReader<CaseItemEntity>;
  private readonly events: RowReader<CaseEventEntity, (typeof TIMELINE_COLUMNS)[number]>;
  private readonly materials: RowReader<CaseMaterialEntity, (typeof MATERIAL_COLUMNS)[number]>;
  private readonly clocks: RowReader<CaseClockEntity>;
  private readonly sql: {
    caseById: string;
    versionById: string;
    itemsOf: string;
    timelineOf: string;
    materialsOf: string;
    clocksOf: string;
    /** PostgreSQL: the five reads of the tracking view in one statement. */
    viewOf: string;
  };

  constructor(private readonly dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
    const p = parameterOf(dataSource);
    this.cases = new RowReader(dataSource, CaseEntity);
    this.items = new RowReader(dataSource, CaseItemEntity);
    this.events = new RowReader(dataSource, CaseEventEntity, TIMELINE_COLUMNS);
    this.materials = new RowReader(dataSource, CaseMaterialEntity, MATERIAL_COLUMNS);
    this.clocks = new RowReader(dataSource, CaseClockEntity);
    const { cases, items, events, materials, clocks } = this;
    const ofCase = (reader: { columns: string; table: string }, order: string) =>
      `SELECT ${reader.columns} FROM ${reader.table} WHERE "case_id" = ${p(1)} ORDER BY ${order}`;
    this.sql = {
      caseById: `SELECT ${cases.columns} FROM ${cases.table} WHERE "id" = ${p(1)}`,
      versionById: `SELECT "version" FROM ${cases.table} WHERE "id" = ${p(1)}`,
      itemsOf: ofCase(items, '"item" ASC'),
      timelineOf: ofCase(events, '"seq" ASC'),
      materialsOf: ofCase(materials, '"created_at" ASC'),
      clocksOf: ofCase(clocks, '"started_at" ASC, "key" ASC'),
      viewOf: `SELECT
        (SELECT row_to_json(c) FROM (SELECT ${cases.columns} FROM ${cases.table} WHERE "id" = $1) c) AS "case",
        ${jsonRowsOf(items, '"case_id" = $1', '"item" ASC')} AS "items",
        ${jsonRowsOf(events, '"case_id" = $1', '"seq" ASC')} AS "timeline",
        ${jsonRowsOf(materials, '"case_id" = $1', '"created_at" ASC')} AS "materials",
        ${jsonRowsOf(clocks, '"case_id" = $1', '"started_at" ASC, "key" ASC')} AS "clocks"`,
    };
  }

  /**
   * The case row and everything its tracking view shows; NotFoundException when absent.
   * With `manager`, read in its transaction (a command's own outcome).
   */
  async viewRows(caseId: string, manager?: EntityManager): Promise<CaseViewRows> {
    if (!this.postgres) {
      const [row, items, timeline, materials, clocks] = await Promise.all([
        this.caseRow(caseId, manager),
        this.items.rows(this.sql.itemsOf, [caseId], manager),
        this.events.rows(this.sql.timelineOf, [caseId], manager),
        this.materials.rows(this.sql.materialsOf, [caseId], manager),
        this.clocks.rows(this.sql.clocksOf, [caseId], manager),
      ]);
      return { row, items, timeline, materials, clocks: clocksViewOf(clocks) };
    }
    const [found] = await queryRows<JsonColumns<CaseViewRows>>(
      manager ?? this.dataSource.manager,
      this.sql.viewOf,
      [caseId],
    );
    if (!found?.case) throw new NotFoundException(`No case ${caseId}`);
    return {
      row: this.cases.hydrate(found.case),
      items: found.items.map((raw) => this.items.hydrate(raw)),
      timeline: found.timeline.map((raw) => this.events.hydrate(raw)),
      materials: found.materials.map((raw) => this.materials.hydrate(raw)),
      clocks: clocksViewOf(found.clocks.map((raw) => this.clocks.hydrate(raw))),
    };
  }

  /** The case row as stored (answers encrypted); NotFoundException when absent. */
  async caseRow(caseId: string, manager?: EntityManager): Promise<CaseEntity> {
    const [row] = await this.cases.rows(this.sql.caseById, [caseId], manager);
    if (!row) throw new NotFoundException(`No case ${caseId}`);
    return row;
  }

  async version(caseId: string): Promise<number> {
    const [row] = await queryRows<{ version: number | string }>(
      this.dataSource.manager,
      this.sql.versionById,
      [caseId],
    );
    if (!row) throw new NotFoundException(`No case ${caseId}`);
    return Number(row.version);
  }

  /**
   * Newest first: an applicant's cases, a window's, or (no filter) every case, each with
   * its items (in item order).
   */
  async casesWithItems(
    filter: { applicantSub?: string; window?: string },
    limit: number,
  ): Promise<{ row: CaseEntity; items: CaseItemEntity[] }[]> {
    const p = parameterOf(this.dataSource);
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    if (filter.applicantSub) {
      parameters.push(filter.applicantSub);
      conditions.push(`"applicant_sub" = ${p(parameters.length)}`);
    }
    if (filter.window) {
      parameters.push(filter.window);
      conditions.push(`"window" = ${p(parameters.length)}`);
    }
    const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
    const newest = `ORDER BY "created_at" DESC LIMIT ${wholeNumber(limit)}`;
    const { cases, items } = this;
    if (this.postgres) {
      const rows = await queryRows<Record<string, unknown> & { items: Raw[] }>(
        this.dataSource.manager,
        `SELECT ${cases.columns}, ${jsonRowsOf(items, `"case_id" = c."id"`, '"item" ASC')} AS "items"
           FROM ${cases.table} c${where} ${newest}`,
        parameters,
      );
      return rows.map((raw) => ({
        row: cases.hydrate(raw),
        items: raw.items.map((item) => items.hydrate(item)),
      }));
    }
    const rows = await cases.rows(
      `SELECT ${cases.columns} FROM ${cases.table}${where} ${newest}`,
      parameters,
    );
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const grouped = new Map<string, CaseItemEntity[]>(ids.map((id) => [id, []]));
    const itemRows = await items.rows(
      `SELECT ${items.columns} FROM ${items.table}
        WHERE "case_id" IN ${parameterList(this.dataSource, ids.length)} ORDER BY "item" ASC`,
      ids,
    );
    for (const item of itemRows) grouped.get(item.caseId)?.push(item);
    return rows.map((row) => ({ row, items: grouped.get(row.id) ?? [] }));
  }
}

type Raw = Record<string, unknown>;
/** A statement's row whose columns are JSON: one row object, or a list of them. */
type JsonColumns<T> = { [K in keyof T]: T[K] extends unknown[] ? Raw[] : Raw | null } & {
  case: Raw | null;
  clocks: Raw[];
};

/** As `caseClocksView` (clocks/clock-view.ts) makes it: the case clock, and every clock. */
function clocksViewOf(rows: CaseClockEntity[]): CaseClocksView {
  const views = rows.map(clockViewOf);
  return { case: views.find((view) => view.kind === 'case') ?? null, clocks: views };
}

/** One set of prepared readers per data source. */
export const caseReadsOf = perDataSource((dataSource) => new CaseReads(dataSource));

function wholeNumber(value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`bad limit ${value}`);
  return value;
}
