import { licenceNumber } from './licence-number.js';

describe('licenceNumber', () => {
  it.each([
    ['JY', '2025-01-03', 42, 'JY-20250103-000042'],
    ['jy ', '2025-01-03', 1, 'JY-20250103-000001'],
    ['SC91', '2024-02-29', 999_999, 'SC91-20240229-999999'],
  ])('licenceNumber(%s, %s, %i) is %s', (prefix, date, sequence, expected) => {
    expect(licenceNumber(prefix, date, sequence)).toBe(expected);
  });

  it('dates an instant in Beijing', () => {
    // 2025-01-02 23:30 UTC is 07:30 on 3 January in Beijing.
    expect(licenceNumber('JY', new Date('2025-01-02T23:30:00Z'), 5)).toBe('JY-20250103-000005');
  });

  it('refuses bad prefixes, sequences and dates', () => {
    expect(() => licenceNumber('食品', '2025-01-03', 1)).toThrow(RangeError);
    expect(() => licenceNumber('JY', '2025-01-03', 0)).toThrow(RangeError);
    expect(() => licenceNumber('JY', '2025-01-03', 1_000_000)).toThrow(RangeError);
    expect(() => licenceNumber('JY', '2025-02-30', 1)).toThrow(RangeError);
  });
});
