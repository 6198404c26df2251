import { WeekdayCalendar } from '@onevisit/calendar';
import type { CaseClockEntity } from '@onevisit/persistence';
import { pauseClock, startClock, stopClock } from './clock.model.js';
import { clockStateOf, withClockState } from './clock-rows.js';

const calendar = new WeekdayCalendar();
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

function rowOf(limitDays: number, now: Date): CaseClockEntity {
  const state = startClock(limitDays, now);
  const row: CaseClockEntity = {
    caseId: 'c1',
    key: 'item:x',
    kind: 'item',
    item: 'x',
    department: 'd',
    limitDays,
    usedDays: 0,
    runningSince: now,
    pausedBy: [],
    status: 'running',
    dueDate: null,
    flag: null,
    generation: state.generation,
    startedAt: now,
    stoppedAt: null,
  };
  return withClockState(row, state, calendar, now);
}

describe('case_clock rows', () => {
  it('store the clock state and its due date, and read back the same state', () => {
    const row = rowOf(5, at('2025-03-03'));
    expect(row).toMatchObject({ status: 'running', dueDate: '2025-03-10' });
    const paused = withClockState(
      row,
      pauseClock(clockStateOf(row), 'procedure', at('2025-03-05'), calendar),
      calendar,
      at('2025-03-05'),
    );
    expect(paused).toMatchObject({
      status: 'paused',
      usedDays: 2,
      runningSince: null,
      pausedBy: ['procedure'],
      dueDate: null,
    });
    expect(clockStateOf(paused)).toEqual({
      limitDays: 5,
      usedDays: 2,
      runningSince: null,
      pausedBy: ['procedure'],
      stopped: false,
      generation: row.generation + 1,
    });
  });

  it('keep the last due date and the stop time once stopped', () => {
    const row = rowOf(5, at('2025-03-03'));
    const stoppedAt = at('2025-03-12');
    const stopped = withClockState(
      row,
      stopClock(clockStateOf(row), stoppedAt, calendar),
      calendar,
      stoppedAt,
    );
    expect(stopped).toMatchObject({
      status: 'stopped',
      usedDays: 7,
      dueDate: '2025-03-10',
      stoppedAt,
    });
  });
});
