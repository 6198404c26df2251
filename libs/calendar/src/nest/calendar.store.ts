import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CalendarDayEntity, CalendarYearEntity, TransactionRunner } from '@onevisit/persistence';
import type { CalendarDay, CalendarYear } from '../data/calendar-year.js';

/** Rows of the calendar tables, read and written in one transaction per change. */
@Injectable()
export class CalendarStore {
  constructor(private readonly tx: TransactionRunner) {}

  async loadAll(): Promise<{ years: CalendarYearEntity[]; days: CalendarDayEntity[] }> {
    const manager = this.tx.dataSource.manager;
    const years = await manager.find(CalendarYearEntity, { order: { region: 'ASC', year: 'ASC' } });
    const days = await manager.find(CalendarDayEntity, { order: { region: 'ASC', date: 'ASC' } });
    return { years, days };
  }

  /** Count and last change of the years: cheap, and it moves on every write below. */
  async fingerprint(): Promise<string> {
    const row = await this.tx.dataSource.manager
      .createQueryBuilder(CalendarYearEntity, 'y')
      .select('COUNT(*)', 'count')
      .addSelect('MAX(y.loaded_at)', 'last')
      .getRawOne<{ count: string | number; last: string | Date | null }>();
    const last = row?.last instanceof Date ? row.last.toISOString() : String(row?.last ?? '');
    return `${String(row?.count ?? 0)}|${last}`;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.tx.dataSource.manager.count(CalendarYearEntity)) === 0;
  }

  /** Replaces each year wholesale (its source and every listed day). */
  async replaceYears(
    years: readonly CalendarYear[],
    actor: string,
    now = new Date(),
  ): Promise<void> {
    await this.tx.run(async (manager) => {
      for (const year of years) {
        await manager.delete(CalendarDayEntity, { region: year.region, year: year.year });
        await manager.delete(CalendarYearEntity, { region: year.region, year: year.year });
        await manager.insert(CalendarYearEntity, {
          region: year.region,
          year: year.year,
          source: year.source,
          loadedAt: now,
          loadedBy: actor,
        });
        if (year.days.length > 0) {
          await manager.insert(
            CalendarDayEntity,
            year.days.map((day) => dayRow(year.region, day, year.source.title)),
          );
        }
      }
    });
  }

  /**
   * Creates or replaces one day. The year row of the region is touched (created for a
   * regional layer that had none) so that other processes see the change.
   */
  async putDay(region: string, day: CalendarDay, actor: string, now = new Date()): Promise<void> {
    await this.tx.run(async (manager) => {
      await touchYear(manager, region, Number(day.date.slice(0, 4)), actor, now);
      await manager.delete(CalendarDayEntity, { region, date: day.date });
      await manager.insert(CalendarDayEntity, dayRow(region, day, `admin:${actor}`));
    });
  }

  /** Removes one listed day; false when there was none. */
  async deleteDay(region: string, date: string, actor: string, now = new Date()): Promise<boolean> {
    return this.tx.run(async (manager) => {
      const result = await manager.delete(CalendarDayEntity, { region, date });
      if (!result.affected) return false;
      await touchYear(manager, region, Number(date.slice(0, 4)), actor, now);
      return true;
    });
  }
}

function dayRow(region: string, day: CalendarDay, source: string): CalendarDayEntity {
  return {
    region,
    date: day.date,
    year: Number(day.date.slice(0, 4)),
    kind: day.kind,
    name: day.name,
    nameEn: day.nameEn ?? null,
    source: source.slice(0, 300),
  };
}

async function touchYear(
  manager: EntityManager,
  region: string,
  year: number,
  actor: string,
  now: Date,
): Promise<void> {
  const existing = await manager.findOneBy(CalendarYearEntity, { region, year });
  if (existing) {
    await manager.update(CalendarYearEntity, { region, year }, { loadedAt: now, loadedBy: actor });
    return;
  }
  await manager.insert(CalendarYearEntity, {
    region,
    year,
    source: {
      title: 'entered by an administrator',
      issuer: actor,
      date: now.toISOString().slice(0, 10),
    },
    loadedAt: now,
    loadedBy: actor,
  });
}
