import { ratesBy, ratio } from './supervision-rates.js';

describe('supervision rates', () => {
  it('tallies on-time shares per key', () => {
    const rows = [
      { department: 'a', late: false },
      { department: 'a', late: true },
      { department: 'b', late: false },
    ];
    expect(
      ratesBy(
        rows,
        (row) => row.department,
        (row) => !row.late,
      ),
    ).toEqual({ a: { total: 2, onTime: 1, rate: 0.5 }, b: { total: 1, onTime: 1, rate: 1 } });
  });

  it('gives no rate for nothing, and rounds', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, 3)).toBe(0.3333);
  });
});
