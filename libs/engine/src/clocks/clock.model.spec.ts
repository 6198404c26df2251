import { WeekdayCalendar } from '@onevisit/calendar';
import {
  clockStatus,
  dueDateOf,
  finishedOnTime,
  pauseClock,
  remainingDaysAt,
  resumeClock,
  startClock,
  stopClock,
  usedDaysAt,
} from './clock.model.js';
import { deadlineChecks } from './deadline-checks.js';
import { deadlineSettingsFromEnv, dueSoonAfterDays } from './deadline-settings.js';

const calendar = new WeekdayCalendar();
/** 10:00 in Beijing on a date (UTC+8). */
const at = (date: string) => new Date(`${date}T10:00:00+08:00`);

describe('item clock', () => {
  // Monday 2025-03-03: a 5-day limit ends on Monday 2025-03-10.
  const started = startClock(5, at('2025-03-03'));

  it('is due its promised working days after it starts', () => {
    expect(clockStatus(started)).toBe('running');
    expect(dueDateOf(started, calendar)).toBe('2025-03-10');
    expect(usedDaysAt(started, at('2025-03-05'), calendar)).toBe(2);
    expect(remainingDaysAt(started, at('2025-03-05'), calendar)).toBe(3);
  });

  it('stands still while paused and resumes with the remaining days', () => {
    // Paused on Wednesday (2 days used) for a site inspection that lasts into next week.
    const paused = pauseClock(started, 'procedure', at('2025-03-05'), calendar);
    expect(clockStatus(paused)).toBe('paused');
    expect(paused.usedDays).toBe(2);
    expect(dueDateOf(paused, calendar)).toBeNull();
    expect(usedDaysAt(paused, at('2025-03-20'), calendar)).toBe(2);
    // Resumed on Tuesday 2025-03-11: 3 days left → Friday 2025-03-14.
    const resumed = resumeClock(paused, 'procedure', at('2025-03-11'));
    expect(clockStatus(resumed)).toBe('running');
    expect(dueDateOf(resumed, calendar)).toBe('2025-03-14');
    expect(resumed.generation).toBeGreaterThan(paused.generation);
    expect(paused.generation).toBeGreaterThan(started.generation);
  });

  it('a pause on the day the clock started uses no day', () => {
    const paused = pauseClock(started, 'case', new Date('2025-03-03T08:00:00Z'), calendar);
    expect(paused.usedDays).toBe(0);
    const resumed = resumeClock(paused, 'case', at('2025-03-04'));
    expect(dueDateOf(resumed, calendar)).toBe('2025-03-11');
  });

  it('runs again only once every pause is lifted', () => {
    const both = pauseClock(
      pauseClock(started, 'procedure', at('2025-03-04'), calendar),
      'case',
      at('2025-03-05'),
      calendar,
    );
    expect(both.usedDays).toBe(1);
    const caseResumed = resumeClock(both, 'case', at('2025-03-06'));
    expect(clockStatus(caseResumed)).toBe('paused');
    const running = resumeClock(caseResumed, 'procedure', at('2025-03-07'));
    expect(clockStatus(running)).toBe('running');
    // 4 days left from Friday 2025-03-07 → Thursday 2025-03-13.
    expect(dueDateOf(running, calendar)).toBe('2025-03-13');
  });

  it('ignores a pause or resume that changes nothing', () => {
    const paused = pauseClock(started, 'procedure', at('2025-03-04'), calendar);
    expect(pauseClock(paused, 'procedure', at('2025-03-05'), calendar)).toBe(paused);
    expect(resumeClock(started, 'case', at('2025-03-05'))).toBe(started);
  });

  it('records whether it finished on time when stopped', () => {
    const early = stopClock(started, at('2025-03-07'), calendar);
    expect(clockStatus(early)).toBe('stopped');
    expect(early.usedDays).toBe(4);
    expect(finishedOnTime(early)).toBe(true);
    const late = stopClock(started, at('2025-03-12'), calendar);
    expect(late.usedDays).toBe(7);
    expect(finishedOnTime(late)).toBe(false);
    expect(pauseClock(late, 'case', at('2025-03-13'), calendar)).toBe(late);
  });

  it('refuses a limit that is not whole working days', () => {
    expect(() => startClock(-1, at('2025-03-03'))).toThrow(RangeError);
    expect(() => startClock(1.5, at('2025-03-03'))).toThrow(RangeError);
  });
});

describe('deadline checks', () => {
  const defaults = deadlineSettingsFromEnv({});

  it('warn at 80% of the limit by default, or N working days before when configured', () => {
    expect(dueSoonAfterDays(5, defaults)).toBe(4);
    expect(dueSoonAfterDays(10, defaults)).toBe(8);
    const before2 = deadlineSettingsFromEnv({ DUE_SOON_DAYS_BEFORE: '2' });
    expect(dueSoonAfterDays(10, before2)).toBe(8);
    expect(dueSoonAfterDays(1, before2)).toBe(0);
    expect(dueSoonAfterDays(10, deadlineSettingsFromEnv({ DUE_SOON_RATIO: '0.5' }))).toBe(5);
  });

  it('are scheduled from the running segment with the days left, none while paused', () => {
    const started = startClock(5, at('2025-03-03'));
    expect(deadlineChecks(started, defaults)).toEqual([
      { stage: 'due-soon', afterDays: 4 },
      { stage: 'overdue', afterDays: 5 },
    ]);
    const paused = pauseClock(started, 'procedure', at('2025-03-05'), calendar);
    expect(deadlineChecks(paused, defaults)).toEqual([]);
    const resumed = resumeClock(paused, 'procedure', at('2025-03-11'));
    expect(deadlineChecks(resumed, defaults)).toEqual([
      { stage: 'due-soon', afterDays: 2 },
      { stage: 'overdue', afterDays: 3 },
    ]);
  });

  it('reject settings that make no sense', () => {
    expect(() => deadlineSettingsFromEnv({ DUE_SOON_RATIO: '1.5' })).toThrow(/DUE_SOON_RATIO/);
    expect(() => deadlineSettingsFromEnv({ COMPLAINT_REPLY_DAYS: 'x' })).toThrow(
      /COMPLAINT_REPLY_DAYS/,
    );
    expect(deadlineSettingsFromEnv({ COMPLAINT_REPLY_DAYS: '3' }).complaintReplyDays).toBe(3);
  });
});
