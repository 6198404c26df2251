import { evaluateCondition } from './evaluate-condition.js';

describe('evaluateCondition', () => {
  const answers = { sellsLiquor: true, seats: 40, district: 'weidong', tags: [], name: '' };

  it('compares a field with equals, in and truthy', () => {
    expect(evaluateCondition({ field: 'district', equals: 'weidong' }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'seats', equals: '40' }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'seats', in: [20, 40] }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'district', in: ['east'] }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'sellsLiquor', truthy: true }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'tags', truthy: false }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'name', truthy: true }, answers)).toBe(false);
  });

  it('treats an unanswered field as falsy and not equal to anything', () => {
    expect(evaluateCondition({ field: 'missing', truthy: false }, answers)).toBe(true);
    expect(evaluateCondition({ field: 'missing', equals: false }, answers)).toBe(false);
    expect(evaluateCondition({ field: 'missing', in: ['a'] }, answers)).toBe(false);
  });

  it('combines with all, any and not', () => {
    const liquor = { field: 'sellsLiquor', equals: true };
    const big = { field: 'seats', in: [100] };
    expect(evaluateCondition({ all: [liquor, { not: big }] }, answers)).toBe(true);
    expect(evaluateCondition({ all: [liquor, big] }, answers)).toBe(false);
    expect(evaluateCondition({ any: [big, liquor] }, answers)).toBe(true);
    expect(evaluateCondition({ any: [] }, answers)).toBe(false);
    expect(evaluateCondition({ all: [] }, answers)).toBe(true);
  });
});
