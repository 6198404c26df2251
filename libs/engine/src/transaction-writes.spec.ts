import type { EntityManager } from 'typeorm';
import type { CaseClockEntity } from '@onevisit/persistence';
import type { OpenTask } from './transaction-reads.js';
import { TransactionWrites } from './transaction-writes.js';

/** Never used: the rows read with the lock answer the first reads. */
const NO_MANAGER = {} as EntityManager;

const task = (id: string, item: string | null): OpenTask => ({ id, item, kind: 'review' });

describe('TransactionWrites with the rows read with the lock', () => {
  it('takes the open tasks from them, without a task the transaction closed before looking', async () => {
    const ahead = {
      openTasks: Promise.resolve([task('t1', 'a'), task('t2', 'b')]),
      clocks: Promise.resolve([]),
    };
    const writes = new TransactionWrites(ahead);
    // The command completes t1 before its transitions look at the open tasks.
    writes.taskClosed('t1');
    expect(await writes.openTasksOf(NO_MANAGER, 'case-1')).toEqual([task('t2', 'b')]);
    // Later changes keep the list current, without another read.
    writes.taskClosed('t2');
    expect(await writes.openTasksOf(NO_MANAGER, 'case-1')).toEqual([]);
  });

  it('answers the first read of the clocks from them, and only the first', async () => {
    const clock = { caseId: 'case-1', key: 'intake' } as CaseClockEntity;
    const writes = new TransactionWrites({
      openTasks: Promise.resolve([]),
      clocks: Promise.resolve([clock]),
    });
    expect(await writes.storedClocksOf(NO_MANAGER, 'case-1')).toEqual([clock]);
    // A second transition reads them again, after the first one's writes: from the
    // database, through the manager (absent here, so the read fails).
    await expect(writes.storedClocksOf(NO_MANAGER, 'case-1')).rejects.toThrow();
  });
});
