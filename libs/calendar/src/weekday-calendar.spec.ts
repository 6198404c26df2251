import { WeekdayCalendar } from './weekday-calendar.js';

describe('WeekdayCalendar', () => {
  const calendar = new WeekdayCalendar();

  it.each([
    ['2025-01-03', true], // Friday
    ['2025-01-04', false], // Saturday
    ['2025-01-05', false], // Sunday
    ['2025-01-06', true], // Monday
    ['2024-02-29', true], // Thursday of a leap year
  ])('isWorkingDay(%s) is %s', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  it('rejects strings that are not real dates', () => {
    expect(() => calendar.isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025-1-6')).toThrow(RangeError);
  });

  describe('addWorkingDays from a calendar date', () => {
    it.each([
      ['Friday + 1 skips the weekend', '2025-01-03', 1, '2025-01-06'],
      ['Friday + 5 is the next Friday', '2025-01-03', 5, '2025-01-10'],
      ['Friday + 20 is four weeks on', '2025-01-03', 20, '2025-01-31'],
      ['Saturday + 0 counts from Monday', '2025-01-04', 0, '2025-01-06'],
      ['Saturday + 1 is the Tuesday', '2025-01-04', 1, '2025-01-07'],
      ['a working day + 0 is itself', '2025-01-07', 0, '2025-01-07'],
      ['across a leap-year month end', '2024-02-28', 2, '2024-03-01'],
      ['across a month end and a weekend', '2025-02-27', 2, '2025-03-03'],
      ['across a year end', '2024-12-30', 3, '2025-01-02'],
      ['across a year end and a weekend', '2025-12-31', 3, '2026-01-05'],
      ['from a Sunday at a year end', '2023-12-31', 1, '2024-01-02'],
    ])('%s: %s + %i → %s', (_name, from, days, expected) => {
      expect(calendar.addWorkingDays(from, days)).toBe(expected);
    });

    it('refuses negative or fractional day counts', () => {
      expect(() => calendar.addWorkingDays('2025-01-03', -1)).toThrow(RangeError);
      expect(() => calendar.addWorkingDays('2025-01-03', 1.5)).toThrow(RangeError);
    });
  });

  describe('addWorkingDays from an instant (Asia/Shanghai, closing 17:30)', () => {
    it.each([
      ['17:29 on a Friday counts that Friday', '2025-01-03T09:29:00Z', 1, '2025-01-06'],
      ['17:30 on a Friday counts from Monday', '2025-01-03T09:30:00Z', 1, '2025-01-07'],
      ['Friday 04:00 in Beijing is Thursday in UTC', '2025-01-02T20:00:00Z', 0, '2025-01-03'],
      ['new year in Beijing while still Dec 31 in UTC', '2024-12-31T16:30:00Z', 0, '2025-01-01'],
      ['Saturday morning counts from Monday', '2025-01-04T02:00:00Z', 0, '2025-01-06'],
      ['Sunday 23:59 in Beijing counts from Monday', '2025-01-05T15:59:00Z', 1, '2025-01-07'],
      ['after closing on Dec 31 counts from Jan 1', '2025-12-31T10:00:00Z', 1, '2026-01-02'],
    ])('%s', (_name, at, days, expected) => {
      expect(calendar.addWorkingDays(new Date(at), days)).toBe(expected);
    });

    it('reads ISO date-time strings with an offset and refuses those without', () => {
      expect(calendar.addWorkingDays('2025-01-03T17:45:00+08:00', 0)).toBe('2025-01-06');
      expect(calendar.addWorkingDays('2025-01-03T17:15:00+08:00', 0)).toBe('2025-01-03');
      expect(() => calendar.addWorkingDays('2025-01-03T17:45:00', 0)).toThrow(RangeError);
    });

    it('lets a call ignore or override the closing time', () => {
      const evening = new Date('2025-01-03T10:00:00Z'); // 18:00 Friday in Beijing
      expect(calendar.addWorkingDays(evening, 0, { closingTime: null })).toBe('2025-01-03');
      expect(calendar.addWorkingDays(evening, 0, { closingTime: '18:30' })).toBe('2025-01-03');
      expect(calendar.addWorkingDays(evening, 0, { closingTime: '17:00' })).toBe('2025-01-06');
    });

    it('takes a closing-time rule per date', () => {
      const earlyFriday = new WeekdayCalendar({
        closingTime: (date) => (date === '2025-01-03' ? '16:00' : '17:30'),
      });
      expect(earlyFriday.addWorkingDays(new Date('2025-01-03T08:30:00Z'), 0)).toBe('2025-01-06');
      expect(earlyFriday.addWorkingDays(new Date('2025-01-02T08:30:00Z'), 0)).toBe('2025-01-02');
    });

    it('works in another time zone when told to', () => {
      const utc = new WeekdayCalendar({ timeZone: 'UTC' });
      // 17:00 UTC is before closing in UTC but 01:00 next day (Saturday) in Beijing.
      expect(utc.addWorkingDays(new Date('2025-01-03T17:00:00Z'), 0)).toBe('2025-01-03');
      expect(calendar.addWorkingDays(new Date('2025-01-03T17:00:00Z'), 0)).toBe('2025-01-06');
    });

    it('fails at construction on a bad zone or closing time', () => {
      expect(() => new WeekdayCalendar({ timeZone: 'Mars/Olympus' })).toThrow(RangeError);
      expect(() => new WeekdayCalendar({ closingTime: '5:30pm' })).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    it.each([
      ['a week', '2025-01-03', '2025-01-10', 5],
      ['backwards', '2025-01-10', '2025-01-03', -5],
      ['same day', '2025-01-06', '2025-01-06', 0],
      ['Saturday to Monday: Monday is the start', '2025-01-04', '2025-01-06', 0],
      ['across a year end', '2025-12-31', '2026-01-05', 3],
      ['across February of a leap year', '2024-02-01', '2024-03-01', 21],
    ])('%s: %s → %s = %i', (_name, a, b, expected) => {
      expect(calendar.workingDaysBetween(a, b)).toBe(expected);
    });

    it('applies the closing-time rule to the start instant', () => {
      const afterClosing = new Date('2025-01-03T10:00:00Z'); // Friday 18:00, counts from Monday
      expect(calendar.workingDaysBetween(afterClosing, '2025-01-08')).toBe(2);
      expect(calendar.workingDaysBetween(afterClosing, new Date('2025-01-08T01:00:00Z'))).toBe(2);
    });

    it('is the inverse of addWorkingDays', () => {
      for (let offset = 0; offset < 40; offset += 1) {
        const start = new Date(Date.UTC(2025, 11, 1 + offset, offset % 24, 7 * offset));
        for (let days = 0; days <= 25; days += 1) {
          const end = calendar.addWorkingDays(start, days);
          expect(calendar.isWorkingDay(end)).toBe(true);
          expect(calendar.workingDaysBetween(start, end)).toBe(days);
        }
      }
    });
  });
});
