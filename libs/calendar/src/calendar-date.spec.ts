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

  it('parses HH:MM clock times', () => {
    expect(parseClockTime('17:30')).toBe(1050);
    expect(() => parseClockTime('24:00')).toThrow(RangeError);
  });
});
