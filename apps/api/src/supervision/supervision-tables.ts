/**
 * The supervisor's reports as flat tables: labelled columns (zh-CN and English) and rows
 * of plain values, so that the console renders and exports every report the same way
 * (Excel and CSV are written in the browser from exactly what is on screen). Pure: the
 * numbers come from SupervisionService, names from the catalogue.
 */
import type { Label } from '@onevisit/definitions';
import { type Rate, ratio } from './supervision-rates.js';
import type { DepartmentDeadlines, Period } from './supervision.service.js';

export const SUPERVISION_TABLES = [
  'on-time-by-department',
  'on-time-by-bundle',
  'durations',
  'overdue',
  'ratings',
  'rectifications',
  'complaints-by-department',
] as const;
export type SupervisionTableName = (typeof SUPERVISION_TABLES)[number];

export type CellValue = string | number | boolean | null;

export interface TableColumn {
  key: string;
  label: Label;
  /** How to show and export it: `percent` is a ratio from 0 to 1. */
  type: 'text' | 'number' | 'percent' | 'date' | 'datetime' | 'boolean';
}

export interface SupervisionTable {
  table: SupervisionTableName;
  title: Label;
  /** The period the figures cover; null for a table of what stands now. */
  period: Period | null;
  columns: TableColumn[];
  rows: Record<string, CellValue>[];
}

/** Names to show beside codes. */
export interface TableNames {
  departments: Map<string, Label>;
  bundles: Map<string, Label>;
}

const col = (
  key: string,
  zh: string,
  en: string,
  type: TableColumn['type'] = 'text',
): TableColumn => ({
  key,
  label: { zh, en },
  type,
});

const RATE_COLUMNS = [
  col('total', '办结数', 'Completed', 'number'),
  col('onTime', '按时办结数', 'On time', 'number'),
  col('rate', '按时办结率', 'On-time rate', 'percent'),
];

/** A code with its name in both languages: three columns, `<key>`, `<key>NameZh`, `<key>NameEn`. */
function codeColumns(key: 'department' | 'bundle'): TableColumn[] {
  const [zh, en] = key === 'department' ? ['部门', 'Department'] : ['一件事', 'Bundle'];
  return [
    col(key, `${zh}代码`, `${en} code`),
    col(`${key}NameZh`, zh, `${en} (zh)`),
    col(`${key}NameEn`, `${zh}（英文）`, en),
  ];
}

/** The cells of `codeColumns`; a code without a name shows as itself. */
function codeCells(
  key: 'department' | 'bundle',
  code: string,
  names: Map<string, Label>,
): Record<string, CellValue> {
  const name = names.get(code) ?? { zh: code, en: code };
  return { [key]: code, [`${key}NameZh`]: name.zh, [`${key}NameEn`]: name.en };
}

function rateRows(
  rates: Record<string, Rate>,
  names: Map<string, Label>,
  key: 'department' | 'bundle',
) {
  return Object.entries(rates)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, rate]) => ({ ...codeCells(key, code, names), ...rate }));
}

export function onTimeTable(
  table: 'on-time-by-department' | 'on-time-by-bundle',
  report: { period: Period; byDepartment: Record<string, Rate>; byBundle: Record<string, Rate> },
  names: TableNames,
): SupervisionTable {
  const byDepartment = table === 'on-time-by-department';
  const key = byDepartment ? 'department' : 'bundle';
  return {
    table,
    title: byDepartment
      ? { zh: '各部门按时办结率', en: 'On-time completion by department' }
      : { zh: '各一件事按时办结率', en: 'On-time completion by bundle' },
    period: report.period,
    columns: [...codeColumns(key), ...RATE_COLUMNS],
    rows: rateRows(
      byDepartment ? report.byDepartment : report.byBundle,
      byDepartment ? names.departments : names.bundles,
      key,
    ),
  };
}

export function durationsTable(
  report: {
    period: Period;
    bundles: {
      bundle: string;
      cases: number;
      averageWorkingDays: number;
      promisedLimitDays: number;
      onTime: Rate;
    }[];
  },
  names: TableNames,
): SupervisionTable {
  return {
    table: 'durations',
    title: { zh: '办理用时与承诺时限', en: 'Working days taken against the promise' },
    period: report.period,
    columns: [
      ...codeColumns('bundle'),
      col('cases', '办结件数', 'Cases finished', 'number'),
      col('averageWorkingDays', '平均用时（工作日）', 'Average working days', 'number'),
      col('promisedLimitDays', '承诺时限（工作日）', 'Promised working days', 'number'),
      col('onTimeRate', '按时办结率', 'On-time rate', 'percent'),
    ],
    rows: report.bundles.map((entry) => ({
      ...codeCells('bundle', entry.bundle, names.bundles),
      cases: entry.cases,
      averageWorkingDays: entry.averageWorkingDays,
      promisedLimitDays: entry.promisedLimitDays,
      onTimeRate: entry.onTime.rate,
    })),
  };
}

export function overdueTable(report: DepartmentDeadlines[], names: TableNames): SupervisionTable {
  return {
    table: 'overdue',
    title: { zh: '临近超期与超期事项（当前）', en: 'Due soon and overdue now' },
    period: null,
    columns: [
      ...codeColumns('department'),
      col('caseId', '办件编号', 'Case'),
      col('kind', '时限类型', 'Clock'),
      col('item', '事项', 'Item'),
      col('flag', '状态', 'Flag'),
      col('dueDate', '到期日', 'Due date', 'date'),
      col('limitDays', '时限（工作日）', 'Limit (working days)', 'number'),
      col('usedDays', '已用（工作日）', 'Used (working days)', 'number'),
    ],
    rows: report.flatMap((entry) =>
      entry.clocks.map((clock) => ({
        ...codeCells('department', entry.department, names.departments),
        caseId: clock.caseId,
        kind: clock.kind,
        item: clock.item,
        flag: clock.flag,
        dueDate: clock.dueDate,
        limitDays: clock.limitDays,
        usedDays: clock.usedDays,
      })),
    ),
  };
}

const LEVELS: Record<string, Label> = {
  '5': { zh: '非常满意', en: 'Very satisfied' },
  '4': { zh: '满意', en: 'Satisfied' },
  '3': { zh: '基本满意', en: 'Fairly satisfied' },
  '2': { zh: '不满意', en: 'Dissatisfied' },
  '1': { zh: '非常不满意', en: 'Very dissatisfied' },
};

export function ratingsTable(report: {
  period: Period;
  total: number;
  distribution: Record<string, number>;
}): SupervisionTable {
  return {
    table: 'ratings',
    title: { zh: '好差评分布', en: 'Distribution of ratings' },
    period: report.period,
    columns: [
      col('level', '评价等级', 'Level', 'number'),
      col('levelZh', '评价', 'Rating (zh)'),
      col('levelEn', '评价（英文）', 'Rating'),
      col('count', '件数', 'Count', 'number'),
      col('share', '占比', 'Share', 'percent'),
    ],
    rows: ['5', '4', '3', '2', '1'].map((level) => {
      const count = report.distribution[level] ?? 0;
      return {
        level: Number(level),
        levelZh: LEVELS[level].zh,
        levelEn: LEVELS[level].en,
        count,
        share: ratio(count, report.total),
      };
    }),
  };
}

export function rectificationsTable(report: {
  period: Period;
  openRectifications: {
    taskId: string;
    caseId: string;
    status: string;
    claimedBy: string | null;
    dueDate: string | null;
    overdue: boolean;
    createdAt: Date;
  }[];
}): SupervisionTable {
  return {
    table: 'rectifications',
    title: { zh: '差评整改（未办结）', en: 'Open rectifications of poor ratings' },
    period: null,
    columns: [
      col('caseId', '办件编号', 'Case'),
      col('taskId', '整改任务', 'Task'),
      col('status', '状态', 'Status'),
      col('claimedBy', '承办人', 'Claimed by'),
      col('dueDate', '整改期限', 'Due date', 'date'),
      col('overdue', '已超期', 'Overdue', 'boolean'),
      col('createdAt', '发起时间', 'Opened', 'datetime'),
    ],
    rows: report.openRectifications.map((entry) => ({
      caseId: entry.caseId,
      taskId: entry.taskId,
      status: entry.status,
      claimedBy: entry.claimedBy,
      dueDate: entry.dueDate,
      overdue: entry.overdue,
      createdAt: new Date(entry.createdAt).toISOString(),
    })),
  };
}

export function complaintsTable(
  report: { period: Period; byDepartment: Record<string, Rate> },
  names: TableNames,
): SupervisionTable {
  return {
    table: 'complaints-by-department',
    title: { zh: '各部门投诉按时答复率', en: 'Complaints answered on time, by department' },
    period: report.period,
    columns: [
      ...codeColumns('department'),
      col('total', '已答复', 'Answered', 'number'),
      col('onTime', '按时答复', 'On time', 'number'),
      col('rate', '按时答复率', 'On-time rate', 'percent'),
    ],
    rows: rateRows(report.byDepartment, names.departments, 'department'),
  };
}
