import type { CaseEvent, CaseSnapshot } from '@onevisit/definitions';
import type { Actor } from './actor.js';
import { TransitionPreviews } from './transition-previews.js';

const checker: Actor = { kind: 'system', source: 'worker:data-sharing' };
const other: Actor = { kind: 'system', source: 'worker:licences' };
const first = { value: { case: 'processing' } } as unknown as CaseSnapshot;

describe('TransitionPreviews', () => {
  it('gives back the preview of the very same events, actor and case version', () => {
    const previews = new TransitionPreviews<string>();
    const event = { type: 'IDENTITY_CHECKED', result: 'match' } as unknown as CaseEvent;
    previews.remember('case-1', 3, checker, [event], { first, steps: ['step'] });
    expect(previews.take('case-1', 3, checker, [event])).toEqual({ first, steps: ['step'] });
    // Taken again (a retried transaction on the same version): still the same transitions.
    expect(previews.take('case-1', 3, checker, [event])?.steps).toEqual(['step']);
  });

  it('gives nothing when anything the transitions depend on differs', () => {
    const previews = new TransitionPreviews<string>();
    const event = { type: 'IDENTITY_CHECKED', result: 'match' } as unknown as CaseEvent;
    const second = { type: 'LICENCE_ISSUED', item: 'a' } as unknown as CaseEvent;
    previews.remember('case-1', 3, checker, [event], { first, steps: ['step'] });
    expect(previews.take('case-1', 4, checker, [event])).toBeUndefined(); // moved on
    expect(previews.take('case-2', 3, checker, [event])).toBeUndefined();
    expect(previews.take('case-1', 3, other, [event])).toBeUndefined();
    expect(previews.take('case-1', 3, checker, [event, second])).toBeUndefined();
    expect(previews.take('case-1', 3, checker, [])).toBeUndefined();
    // An equal event that is not the same object: the caller may have changed it since.
    expect(previews.take('case-1', 3, checker, [{ ...event }])).toBeUndefined();
  });

  it('keeps its own copy of the events it was shown', () => {
    const previews = new TransitionPreviews<string>();
    const event = { type: 'IDENTITY_CHECKED' } as unknown as CaseEvent;
    const second = { type: 'LICENCE_ISSUED' } as unknown as CaseEvent;
    const events = [event];
    previews.remember('case-1', 1, checker, events, { first, steps: [] });
    events.push(second);
    expect(previews.take('case-1', 1, checker, [event, second])).toBeUndefined();
    expect(previews.take('case-1', 1, checker, [event])).toBeDefined();
  });
});
