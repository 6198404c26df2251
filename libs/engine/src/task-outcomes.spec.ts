import { outcomesOfTask, TASK_KINDS, TASK_OUTCOMES_BY_KIND } from './task-outcomes.js';
import { eventOfTask, type TaskOutcome } from './task.service.js';

const ALL_OUTCOMES: TaskOutcome[] = ['done', 'approve', 'deny', 'passed', 'failed'];

describe('task outcomes by kind', () => {
  it('lists exactly the outcomes that complete each kind of task', () => {
    for (const kind of TASK_KINDS) {
      const listed = TASK_OUTCOMES_BY_KIND[kind].map((option) => option.outcome);
      for (const outcome of ALL_OUTCOMES) {
        const event = eventOfTask({ kind, item: 'food-operation-licence' }, outcome, 'a reason');
        expect([kind, outcome, typeof event !== 'string']).toEqual([
          kind,
          outcome,
          listed.includes(outcome),
        ]);
      }
    }
  });

  it('says which outcomes need a reason, as completing one without it is refused', () => {
    for (const kind of TASK_KINDS) {
      for (const option of TASK_OUTCOMES_BY_KIND[kind]) {
        const bare = eventOfTask({ kind, item: 'x' }, option.outcome);
        expect([kind, option.outcome, typeof bare === 'string']).toEqual([
          kind,
          option.outcome,
          option.needsReason,
        ]);
      }
    }
  });

  it('offers nothing for a kind it does not know', () => {
    expect(outcomesOfTask('unknown')).toEqual([]);
  });
});
