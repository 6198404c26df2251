import { WorkingTime, workingDayMsFromEnv } from './working-time.js';

describe('WorkingTime', () => {
  it('counts working days Monday to Friday for due dates and timers', () => {
    const time = new WorkingTime(undefined, null);
    // Friday 2025-01-03 10:00 in Beijing: 1 working day later is Monday.
    const friday = new Date('2025-01-03T02:00:00Z');
    expect(time.dueDate(friday, 1)).toBe('2025-01-06');
    expect(time.timerRunAt(friday, 1).toISOString()).toBe('2025-01-06T15:59:59.999Z');
  });

  it('shrinks a working day to N milliseconds for timers when configured', () => {
    const time = new WorkingTime(undefined, 50);
    const now = new Date('2025-01-03T02:00:00Z');
    expect(time.timerRunAt(now, 4).getTime() - now.getTime()).toBe(200);
    expect(time.dueDate(now, 1)).toBe('2025-01-06');
  });

  it('reads and checks TIMER_WORKING_DAY_MS', () => {
    expect(workingDayMsFromEnv({})).toBeNull();
    expect(workingDayMsFromEnv({ TIMER_WORKING_DAY_MS: '250' })).toBe(250);
    expect(() => workingDayMsFromEnv({ TIMER_WORKING_DAY_MS: 'soon' })).toThrow(
      /TIMER_WORKING_DAY_MS/,
    );
  });
});
