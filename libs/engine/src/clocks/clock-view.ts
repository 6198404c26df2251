import type { EntityManager } from 'typeorm';
import { CaseClockEntity, type ClockStatus, type DueFlag } from '@onevisit/persistence';

/** One clock as the tracking page and supervisors see it. */
export interface ClockView {
  key: string;
  kind: CaseClockEntity['kind'];
  item: string | null;
  department: string;
  limitDays: number;
  /** Working days used by the closed segments (at the last pause or stop). */
  usedDays: number;
  status: ClockStatus;
  pausedBy: string[];
  /** `YYYY-MM-DD` while running; the last one once stopped; null while paused. */
  dueDate: string | null;
  flag: DueFlag | null;
}

/** The case's time limits: its promised total (承诺总时限) and every other clock. */
export interface CaseClocksView {
  case: ClockView | null;
  clocks: ClockView[];
}

export function clockViewOf(row: CaseClockEntity): ClockView {
  return {
    key: row.key,
    kind: row.kind,
    item: row.item,
    department: row.department,
    limitDays: row.limitDays,
    usedDays: row.usedDays,
    status: row.status,
    pausedBy: row.pausedBy,
    dueDate: row.dueDate,
    flag: row.flag,
  };
}

export async function caseClocksView(
  manager: EntityManager,
  caseId: string,
): Promise<CaseClocksView> {
  const rows = await manager.find(CaseClockEntity, {
    where: { caseId },
    order: { startedAt: 'ASC', key: 'ASC' },
  });
  const views = rows.map(clockViewOf);
  return { case: views.find((view) => view.kind === 'case') ?? null, clocks: views };
}
