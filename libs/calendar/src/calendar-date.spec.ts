import {
  addCalendarDays,
  calendarDateOf,
  calendarDaysBetween,
  dayOfWeek,
  isIsoDate,
  parseClockTime,
  zonedDateTime,
} from './calendar-date.js';

describe('calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00', false],
    ['0024-02-29', true],
    ['0025-02-29', false],
  ])('isIsoDate(%s) is %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('answers a date asked again the same, also after many others', () => {
    for (let day = 0; day < 5000; day++) {
      expect(isIsoDate(addCalendarDays('2020-01-01', day))).toBe(true);
    }
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-02-29')).toBe(false);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addCalendarDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addCalendarDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(calendarDaysBetween('2024-12-25', '2025-01-05')).toBe(11);
    expect(dayOfWeek('2025-01-01')).toBe(3);
  });

  it('places an instant on the Beijing wall clock by default', () => {
    expect(zonedDateTime(new Date('2024-12-31T16:30:00Z'))).toEqual({
      date: '2025-01-01',
      minutes: 30,
    });
    expect(calendarDateOf(new Date('2024-12-31T16:30:00Z'), 'UTC')).toBe('2024-12-31');
  });

  it('answers an instant asked again the same, per time zone, whatever the caller did', () => {
    const instant = new Date('2025-06-30T15:59:00Z');
    const first = zonedDateTime(instant);
    first.minutes = -1;
    expect(zonedDateTime(new Date(instant.getTime()))).toEqual({
      date: '2025-06-30',
      minutes: 1439,
    });
    expect(zonedDateTime(instant, 'UTC')).toEqual({ date: '2025-06-30', minutes: 959 });
    expect(zonedDateTime(instant)).toEqual({ date: '2025-06-30', minutes: 1439 });
    expect(zonedDateTime(new Date('2025-06-30T16:00:00Z'))).toEqual({
      date: '2025-07-01',
      minutes: 0,
    });
  });

  it('answers every instant of one minute alike, and the next minute afresh', () => {
    expect(zonedDateTime(new Date('2025-06-30T15:59:00.000Z'))).toEqual({
      date: '2025-06-30',
      minutes: 1439,
    });
    expect(zonedDateTime(new Date('2025-06-30T15:59:59.999Z'))).toEqual({
      date: '2025-06-30',
      minutes: 1439,
    });
    expect(zonedDateTime(new Date('2025-06-30T16:00:00.000Z'))).toEqual({
      date: '2025-07-01',
      minutes: 0,
    });
    // Across a daylight-saving change: Berlin's clocks go from 02:00 to 03:00 at 01:00 UTC.
    expect(zonedDateTime(new Date('2025-03-30T00:59:59.999Z'), 'Europe/Berlin')).toEqual({
      date: '2025-03-30',
      minutes: 119,
    });
    expect(zonedDateTime(new Date('2025-03-30T01:00:00.000Z'), 'Europe/Berlin')).toEqual({
      date: '2025-03-30',
      minutes: 180,
    });
    // Before 1980 only the very same instant comes from memory: Monrovia was −0:44:30.
    expect(zonedDateTime(new Date('1960-01-01T00:44:00Z'), 'Africa/Monrovia')).toEqual({
      date: '1959-12-31',
      minutes: 23 * 60 + 59,
    });
    expect(zonedDateTime(new Date('1960-01-01T00:44:40Z'), 'Africa/Monrovia')).toEqual({
      date: '1960-01-01',
      minutes: 0,
    });
  });

  it('never mistakes an instant before 1980 for a minute after it', () => {
    // 1970-01-01T08:17:13.080Z is 29,833,080 ms after the epoch; 2026-09-21T10:00:30Z falls
    // in minute 29,833,080 after it. Remembered by the one, the other must be asked afresh.
    expect(zonedDateTime(new Date(29_833_080))).toEqual({ date: '1970-01-01', minutes: 977 });
    expect(zonedDateTime(new Date('2026-09-21T10:00:30Z'))).toEqual({
      date: '2026-09-21',
      minutes: 1080,
    });
    expect(zonedDateTime(new Date(29_833_080))).toEqual({ date: '1970-01-01', minutes: 977 });
  });

  it('parses HH:MM clock times', () => {
    expect(parseClockTime('17:30')).toBe(1050);
    expect(() => parseClockTime('24:00')).toThrow(RangeError);
  });
});
