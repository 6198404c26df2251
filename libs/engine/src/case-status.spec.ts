import { caseStatusOf } from './case-status.js';

describe('caseStatusOf', () => {
  it('summarises the case region of a snapshot value', () => {
    expect(caseStatusOf({ case: 'intake', items: {} })).toBe('intake');
    expect(caseStatusOf({ case: 'correction' })).toBe('correction');
    expect(caseStatusOf({ case: 'closed' })).toBe('closed');
    expect(caseStatusOf({ case: { processing: { work: 'running', supplement: 'pending' } } })).toBe(
      'processing',
    );
    expect(
      caseStatusOf({ case: { processing: { work: 'suspended', supplement: 'expired' } } }),
    ).toBe('suspended');
    expect(caseStatusOf({ case: { delivery: 'partlyCompleted' } })).toBe('delivery');
  });
});
