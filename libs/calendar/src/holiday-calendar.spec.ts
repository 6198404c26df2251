import { CalendarGapError } from './calendar-gap.error.js';
import { shippedNationalYears } from './calendar-fixtures.js';
import { HolidayCalendar } from './holiday-calendar.js';

describe('HolidayCalendar on the shipped 2025 and 2026 national arrangements', () => {
  const calendar = new HolidayCalendar({ national: shippedNationalYears() });

  it('counts make-up weekend days and skips holidays', () => {
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true); // Sunday, make-up day
    expect(calendar.isWorkingDay('2025-01-28')).toBe(false); // Tuesday, Spring Festival
    expect(calendar.isWorkingDay('2025-01-25')).toBe(false); // plain Saturday
    expect(calendar.isWorkingDay('2025-02-05')).toBe(true); // plain Wednesday
    expect(calendar.dayInfo('2026-10-10')).toMatchObject({ working: true, kind: 'workday' });
    expect(calendar.dayInfo('2026-10-01')).toMatchObject({
      working: false,
      kind: 'holiday',
      name: '国庆节',
      nameEn: 'National Day',
      listedBy: 'CN',
    });
  });

  it('adds working days across the 2025 Spring Festival', () => {
    // Received Fri 2025-01-24. Working: Sun 26 (make-up), Mon 27; Jan 28–Feb 4 off;
    // Wed Feb 5, Thu 6, Fri 7, Sat Feb 8 (make-up), Mon 10.
    expect(calendar.addWorkingDays('2025-01-24', 1)).toBe('2025-01-26');
    expect(calendar.addWorkingDays('2025-01-24', 2)).toBe('2025-01-27');
    expect(calendar.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
    expect(calendar.addWorkingDays('2025-01-24', 6)).toBe('2025-02-08');
    expect(calendar.addWorkingDays('2025-01-24', 7)).toBe('2025-02-10');
    expect(calendar.workingDaysBetween('2025-01-24', '2025-02-10')).toBe(7);
  });

  it('adds working days across the 2026 National Day', () => {
    // Received Fri 2026-09-18. Sun 20 (make-up), Mon 21–Thu 24, Sep 25–27 off (Mid-Autumn),
    // Mon 28–Wed 30, Oct 1–7 off, Thu 8, Fri 9, Sat 10 (make-up), Mon 12.
    expect(calendar.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    expect(calendar.addWorkingDays('2026-09-18', 5)).toBe('2026-09-24');
    expect(calendar.addWorkingDays('2026-09-18', 8)).toBe('2026-09-30');
    expect(calendar.addWorkingDays('2026-09-18', 9)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-18', 11)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-18', 12)).toBe('2026-10-12');
  });

  it('counts an acceptance after closing time from the next working day', () => {
    // Mon 2025-09-29 is a working day; 17:45 Beijing is after the 17:30 closing time.
    const beforeClosing = new Date('2025-09-29T09:00:00Z'); // 17:00 Beijing
    const afterClosing = new Date('2025-09-29T09:45:00Z'); // 17:45 Beijing
    expect(calendar.addWorkingDays(beforeClosing, 0)).toBe('2025-09-29');
    expect(calendar.addWorkingDays(afterClosing, 0)).toBe('2025-09-30');
    // The next working day after Tue 30 is Thu Oct 9 (Oct 1–8 off), then Sat Oct 11 (make-up).
    expect(calendar.addWorkingDays(beforeClosing, 1)).toBe('2025-09-30');
    expect(calendar.addWorkingDays(afterClosing, 1)).toBe('2025-10-09');
    expect(calendar.addWorkingDays(afterClosing, 3)).toBe('2025-10-11');
  });

  it('throws "no calendar for 2027" for a date in a year without data, never guessing', () => {
    expect(() => calendar.isWorkingDay('2027-03-01')).toThrow(CalendarGapError);
    expect(() => calendar.isWorkingDay('2027-03-01')).toThrow('no calendar for 2027');
    // A count that runs off the end of 2026 fails too, rather than assuming weekdays.
    expect(calendar.addWorkingDays('2026-12-24', 3)).toBe('2026-12-29');
    let caught: unknown;
    try {
      calendar.addWorkingDays('2026-12-24', 10);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CalendarGapError);
    expect(caught).toMatchObject({ year: 2027, region: 'CN', message: 'no calendar for 2027' });
    expect(() => calendar.isWorkingDay('2024-12-31')).toThrow('no calendar for 2024');
  });

  it('reports the years missing within a horizon', () => {
    expect(calendar.loadedYears).toEqual([2025, 2026]);
    expect(calendar.missingYearsAhead('2026-10-01', 60)).toEqual([]);
    expect(calendar.missingYearsAhead('2026-11-15', 60)).toEqual([2027]);
    expect(calendar.missingYearsAhead(new Date('2026-12-31T16:30:00Z'), 0)).toEqual([2027]);
    expect(calendar.missingYearsAhead('2026-11-15', 800)).toEqual([2027, 2028, 2029]);
  });
});

describe('HolidayCalendar with a regional layer', () => {
  const national = shippedNationalYears();
  const regional = new HolidayCalendar({
    national,
    region: 'CN-110101',
    regional: [
      {
        region: 'CN-110101',
        year: 2025,
        source: { title: '区政府通知 (district notice)', issuer: '区政府', date: '2025-03-01' },
        days: [
          { date: '2025-03-10', kind: 'holiday', name: '区庆 (district day)' },
          { date: '2025-03-15', kind: 'workday', name: '补班 (local make-up day)' },
        ],
      },
    ],
  });
  const plain = new HolidayCalendar({ national });

  it('adds local holidays and working days on top of the national calendar', () => {
    expect(plain.isWorkingDay('2025-03-10')).toBe(true);
    expect(regional.isWorkingDay('2025-03-10')).toBe(false);
    expect(plain.isWorkingDay('2025-03-15')).toBe(false);
    expect(regional.dayInfo('2025-03-15')).toMatchObject({ working: true, listedBy: 'CN-110101' });
    // Fri 2025-03-07 + 2: national Mon 10, Tue 11; regional skips Mon 10.
    expect(plain.addWorkingDays('2025-03-07', 2)).toBe('2025-03-11');
    expect(regional.addWorkingDays('2025-03-07', 2)).toBe('2025-03-12');
    // Fri 2025-03-14 + 1: the regional Saturday counts.
    expect(regional.addWorkingDays('2025-03-14', 1)).toBe('2025-03-15');
    expect(plain.addWorkingDays('2025-03-14', 1)).toBe('2025-03-17');
  });

  it('keeps national holidays the region does not touch, and the national year coverage', () => {
    expect(regional.isWorkingDay('2025-10-01')).toBe(false);
    expect(() => regional.isWorkingDay('2027-01-04')).toThrow('no calendar for 2027');
  });
});
