import { Injectable } from '@nestjs/common';
import { Between, DataSource, In, IsNull, Not } from 'typeorm';
import { addCalendarDays, calendarDateOf } from '@onevisit/calendar';
import { COMPLETED_ITEM_STATUSES } from '@onevisit/definitions';
import { type ClockView, clockViewOf, SUPERVISION_DEPARTMENT, WorkingTime } from '@onevisit/engine';
import {
  CaseClockEntity,
  CaseEntity,
  CaseItemEntity,
  ComplaintEntity,
  EvaluationEntity,
  TaskEntity,
} from '@onevisit/persistence';
import { type Rate, ratesBy, ratio } from './supervision-rates.js';

export interface Period {
  from: string;
  to: string;
}

export interface FlaggedClock extends ClockView {
  caseId: string;
}

export interface DepartmentDeadlines {
  department: string;
  dueSoon: number;
  overdue: number;
  clocks: FlaggedClock[];
}

/**
 * What supervisors (监管) watch: deadlines, on-time completion, time taken against the
 * promise, ratings and their rectification, complaints. Reads the read models only.
 */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly time: WorkingTime,
  ) {}

  /** Due-soon and overdue clocks still open (running or paused), by department. */
  async deadlines(): Promise<DepartmentDeadlines[]> {
    const rows = await this.dataSource.manager.find(CaseClockEntity, {
      where: { status: In(['running', 'paused']), flag: Not(IsNull()) },
      order: { department: 'ASC', dueDate: 'ASC' },
    });
    const byDepartment = new Map<string, DepartmentDeadlines>();
    for (const row of rows) {
      let entry = byDepartment.get(row.department);
      if (!entry) {
        entry = { department: row.department, dueSoon: 0, overdue: 0, clocks: [] };
        byDepartment.set(row.department, entry);
      }
      if (row.flag === 'overdue') entry.overdue += 1;
      else entry.dueSoon += 1;
      entry.clocks.push({ caseId: row.caseId, ...clockViewOf(row) });
    }
    return [...byDepartment.values()];
  }

  /** Items completed in the period within their promised limit, by department and by bundle. */
  async onTime(period: Period): Promise<{
    period: Period;
    byDepartment: Record<string, Rate>;
    byBundle: Record<string, Rate>;
  }> {
    const clocks = await this.stoppedIn(period, 'item');
    const items = await this.itemsOf(clocks);
    const completed = new Set(
      items
        .filter((item) => (COMPLETED_ITEM_STATUSES as readonly string[]).includes(item.status))
        .map((item) => `${item.caseId}/${item.item}`),
    );
    const done = clocks.filter((clock) => completed.has(`${clock.caseId}/${clock.item ?? ''}`));
    const bundles = await this.bundlesOf(done);
    const inTime = (clock: CaseClockEntity) => clock.usedDays <= clock.limitDays;
    return {
      period,
      byDepartment: ratesBy(done, (clock) => clock.department, inTime),
      byBundle: ratesBy(done, (clock) => bundles.get(clock.caseId) ?? '?', inTime),
    };
  }

  /** Average working days of the cases finished in the period, per bundle, against the promise. */
  async durations(period: Period): Promise<{
    period: Period;
    bundles: {
      bundle: string;
      cases: number;
      averageWorkingDays: number;
      promisedLimitDays: number;
      onTime: Rate;
    }[];
  }> {
    const clocks = await this.stoppedIn(period, 'case');
    const bundles = await this.bundlesOf(clocks);
    const groups = new Map<string, CaseClockEntity[]>();
    for (const clock of clocks) {
      const bundle = bundles.get(clock.caseId) ?? '?';
      groups.set(bundle, [...(groups.get(bundle) ?? []), clock]);
    }
    return {
      period,
      bundles: [...groups.entries()].map(([bundle, rows]) => {
        const used = rows.reduce((sum, row) => sum + row.usedDays, 0);
        const onTime = rows.filter((row) => row.usedDays <= row.limitDays).length;
        return {
          bundle,
          cases: rows.length,
          averageWorkingDays: Math.round((used / rows.length) * 100) / 100,
          promisedLimitDays: Math.max(...rows.map((row) => row.limitDays)),
          onTime: { total: rows.length, onTime, rate: ratio(onTime, rows.length) },
        };
      }),
    };
  }

  /** 好差评: distribution of the period's ratings, and the rectification tasks still open. */
  async ratings(period: Period) {
    const ratings = await this.dataSource.manager.find(EvaluationEntity, {
      where: { createdAt: this.between(period) },
    });
    const distribution: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    for (const rating of ratings)
      distribution[String(rating.level)] = (distribution[String(rating.level)] ?? 0) + 1;
    const open = await this.dataSource.manager.find(TaskEntity, {
      where: {
        department: SUPERVISION_DEPARTMENT,
        kind: 'rating-follow-up',
        status: In(['open', 'claimed']),
      },
      order: { dueDate: 'ASC' },
    });
    const today = this.today();
    return {
      period,
      total: ratings.length,
      distribution,
      dissatisfied: ratings.filter((rating) => rating.level <= 2).length,
      openRectifications: open.map((task) => ({
        taskId: task.id,
        caseId: task.caseId,
        status: task.status,
        claimedBy: task.claimedBy,
        dueDate: task.dueDate,
        overdue: task.dueDate !== null && today > task.dueDate,
        createdAt: task.createdAt,
      })),
    };
  }

  /** 有诉即办: complaints filed in the period, replies in time, forwarding, by department. */
  async complaints(period: Period) {
    const rows = await this.dataSource.manager.find(ComplaintEntity, {
      where: { createdAt: this.between(period) },
    });
    const zone = this.time.calendar.timeZone;
    const replied = rows.filter((row) => row.repliedAt !== null);
    const repliedInTime = (row: ComplaintEntity) =>
      row.repliedAt !== null && calendarDateOf(row.repliedAt, zone) <= row.replyDueDate;
    const forwarded = rows.filter((row) => row.forwards.length > 0).length;
    const today = this.today();
    return {
      period,
      total: rows.length,
      open: rows.length - replied.length,
      openOverdue: rows.filter((row) => row.repliedAt === null && today > row.replyDueDate).length,
      replied: replied.length,
      repliedOnTime: replied.filter(repliedInTime).length,
      onTimeReplyRate: ratio(replied.filter(repliedInTime).length, replied.length),
      forwarded,
      forwardingRate: ratio(forwarded, rows.length),
      // By the department that holds (or replied to) each complaint.
      byDepartment: ratesBy(replied, (row) => row.department, repliedInTime),
    };
  }

  /** The period asked for, or the last 30 days up to today. */
  periodOf(from?: string, to?: string): Period {
    const end = to ?? this.today();
    return { from: from ?? addCalendarDays(end, -29), to: end };
  }

  private today(): string {
    return calendarDateOf(new Date(), this.time.calendar.timeZone);
  }

  /** Instants from the start of `from` to the end of `to` on the calendar's wall clock (UTC+8). */
  private between(period: Period) {
    return Between(
      new Date(`${period.from}T00:00:00+08:00`),
      new Date(`${addCalendarDays(period.to, 1)}T00:00:00+08:00`),
    );
  }

  private stoppedIn(period: Period, kind: CaseClockEntity['kind']) {
    return this.dataSource.manager.find(CaseClockEntity, {
      where: { kind, status: 'stopped', stoppedAt: this.between(period) },
    });
  }

  private async itemsOf(clocks: CaseClockEntity[]): Promise<CaseItemEntity[]> {
    const ids = [...new Set(clocks.map((clock) => clock.caseId))];
    if (ids.length === 0) return [];
    return this.dataSource.manager.find(CaseItemEntity, { where: { caseId: In(ids) } });
  }

  private async bundlesOf(clocks: CaseClockEntity[]): Promise<Map<string, string>> {
    const ids = [...new Set(clocks.map((clock) => clock.caseId))];
    if (ids.length === 0) return new Map();
    const cases = await this.dataSource.manager.find(CaseEntity, {
      where: { id: In(ids) },
      select: { id: true, bundleCode: true },
    });
    return new Map(cases.map((row) => [row.id, row.bundleCode]));
  }
}
