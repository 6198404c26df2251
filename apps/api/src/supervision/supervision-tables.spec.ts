import {
  complaintsTable,
  onTimeTable,
  overdueTable,
  ratingsTable,
  type SupervisionTable,
} from './supervision-tables.js';

const period = { from: '2026-12-01', to: '2026-12-31' };
const names = {
  departments: new Map([['market-regulation', { zh: '市场监督管理局', en: 'Market Regulation' }]]),
  bundles: new Map([['open-a-restaurant', { zh: '开餐馆', en: 'Open a restaurant' }]]),
};

/** Every row has exactly the table's columns: what an export writes line by line. */
function expectRectangular(table: SupervisionTable): void {
  const keys = table.columns.map((column) => column.key).sort();
  for (const row of table.rows) expect(Object.keys(row).sort()).toEqual(keys);
}

describe('supervision tables', () => {
  it('lays out on-time rates by department with names beside codes, unknown codes as they are', () => {
    const table = onTimeTable(
      'on-time-by-department',
      {
        period,
        byDepartment: {
          water: { total: 1, onTime: 0, rate: 0 },
          'market-regulation': { total: 4, onTime: 3, rate: 0.75 },
        },
        byBundle: {},
      },
      names,
    );
    expectRectangular(table);
    expect(table).toMatchObject({ table: 'on-time-by-department', period });
    expect(table.rows).toEqual([
      {
        department: 'market-regulation',
        departmentNameZh: '市场监督管理局',
        departmentNameEn: 'Market Regulation',
        total: 4,
        onTime: 3,
        rate: 0.75,
      },
      {
        department: 'water',
        departmentNameZh: 'water',
        departmentNameEn: 'water',
        total: 1,
        onTime: 0,
        rate: 0,
      },
    ]);
    expect(table.columns.find((column) => column.key === 'rate')?.type).toBe('percent');
  });

  it('lists every flagged clock of every department as one row', () => {
    const clock = {
      key: 'item:food-operation-licence',
      kind: 'item' as const,
      item: 'food-operation-licence',
      department: 'market-regulation',
      limitDays: 5,
      usedDays: 6,
      status: 'running' as const,
      pausedBy: [],
      dueDate: '2026-12-10',
      flag: 'overdue' as const,
    };
    const table = overdueTable(
      [
        {
          department: 'market-regulation',
          dueSoon: 0,
          overdue: 2,
          clocks: [
            { ...clock, caseId: 'a' },
            { ...clock, caseId: 'b' },
          ],
        },
      ],
      names,
    );
    expectRectangular(table);
    expect(table.period).toBeNull();
    expect(table.rows.map((row) => [row.caseId, row.flag, row.departmentNameZh])).toEqual([
      ['a', 'overdue', '市场监督管理局'],
      ['b', 'overdue', '市场监督管理局'],
    ]);
  });

  it('gives every rating level a row, best first, with its share', () => {
    const table = ratingsTable({
      period,
      total: 4,
      distribution: { '1': 1, '2': 0, '3': 0, '4': 0, '5': 3 },
    });
    expectRectangular(table);
    expect(table.rows.map((row) => [row.level, row.count, row.share])).toEqual([
      [5, 3, 0.75],
      [4, 0, 0],
      [3, 0, 0],
      [2, 0, 0],
      [1, 1, 0.25],
    ]);
    const none = ratingsTable({ period, total: 0, distribution: {} });
    expect(none.rows.every((row) => row.count === 0 && row.share === null)).toBe(true);
  });

  it('lays out complaints answered on time by department', () => {
    const table = complaintsTable(
      { period, byDepartment: { 'market-regulation': { total: 2, onTime: 1, rate: 0.5 } } },
      names,
    );
    expectRectangular(table);
    expect(table.rows).toEqual([
      expect.objectContaining({ department: 'market-regulation', rate: 0.5 }),
    ]);
  });
});
