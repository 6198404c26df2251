import type { CaseContext, ItemStatus, ProducedLicence } from '@onevisit/definitions';
import { applicantTodoOf } from './case-view.js';

function contextWith(
  items: Record<string, ItemStatus>,
  licences: Partial<ProducedLicence>[] = [],
  missing: string[] = [],
): CaseContext {
  return {
    answers: {},
    pledged: [],
    accepted: true,
    outcome: null,
    outcomeReason: null,
    problems: [],
    corrections: 0,
    missing,
    supplied: [],
    supplementExpired: false,
    suspended: false,
    items: Object.fromEntries(
      Object.entries(items).map(([item, status]) => [
        item,
        { status, procedure: null, reason: null },
      ]),
    ),
    licences: licences.map((licence) => ({
      type: 'business-licence',
      item: 'registration',
      number: 'BL-1',
      onPledge: false,
      revoked: false,
      ...licence,
    })),
    breaches: [],
    delivery: null,
    rating: null,
  };
}

describe('what the applicant must do now (tracking view)', () => {
  it('asks for the missing materials while processing or suspended', () => {
    const context = contextWith({ registration: 'review' }, [], ['premises-use-proof']);
    for (const status of ['processing', 'suspended'] as const) {
      expect(applicantTodoOf(status, context)).toEqual([
        { action: 'supply-materials', materials: ['premises-use-proof'] },
      ]);
    }
  });

  it('says to collect results only once every licence has its number', () => {
    const issuing = contextWith({ registration: 'approved', food: 'committed' }, [
      {},
      { item: 'food', type: 'food-operation-licence', number: null, onPledge: true },
    ]);
    expect(applicantTodoOf('delivery', issuing)).toEqual([]);
    const issued = contextWith({ registration: 'approved', food: 'committed' }, [
      {},
      { item: 'food', type: 'food-operation-licence', number: 'FL-1', onPledge: true },
    ]);
    expect(applicantTodoOf('delivery', issued)).toEqual([{ action: 'collect-results' }]);
  });

  it('has nothing to collect when no item produced a result', () => {
    const ended = contextWith({ registration: 'not-completed', seal: 'not-applicable' });
    expect(applicantTodoOf('delivery', ended)).toEqual([]);
    expect(applicantTodoOf('delivered', ended)).toEqual([{ action: 'rate' }]);
  });
});
