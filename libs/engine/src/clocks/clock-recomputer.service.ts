import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type CalendarChange, CalendarService } from '@onevisit/calendar';
import { TransactionRunner } from '@onevisit/persistence';
import { WorkingTime } from '../working-time.js';
import { recomputeRunningClocks } from './clock.writer.js';

/**
 * Keeps stored due dates true to the holiday calendar: when it changes (an import, an
 * edited day, or another process's change noticed on re-read), running clocks due on or
 * after the first changed date are recomputed and their checks rescheduled.
 */
@Injectable()
export class ClockRecomputer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ClockRecomputer.name);
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly calendars: CalendarService,
    private readonly transactions: TransactionRunner,
    private readonly time: WorkingTime,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.calendars.onCalendarChanged(async (change) => {
      await this.recompute(change);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  async recompute(change: Pick<CalendarChange, 'from'>): Promise<number> {
    const moved = await this.transactions.run((manager) =>
      recomputeRunningClocks(manager, this.time, change.from),
    );
    if (moved > 0)
      this.logger.log(`calendar changed from ${change.from}: ${moved} due date(s) moved`);
    return moved;
  }
}
