import type { BatchEntry } from '@onevisit/queues';
import { checkedEntries, MalformedBatch, runBatchEntries } from './batch-entries.js';

const entry = (id: string, caseId: string): BatchEntry<'notification.send'> => ({
  id,
  data: { caseId, caseVersion: 1, template: 'accepted' },
});

describe('runBatchEntries', () => {
  it('runs every entry under its own id; one case in order, cases at once', async () => {
    const log: string[] = [];
    const release: (() => void)[] = [];
    const entries = [entry('m1', 'a'), entry('m2', 'b'), entry('m3', 'a')];
    const running = runBatchEntries(entries, async (id) => {
      log.push(`start ${id}`);
      await new Promise<void>((resolve) => release.push(resolve));
      log.push(`end ${id}`);
    });
    await new Promise((resolve) => setImmediate(resolve));
    // Both cases started; case a's second entry waits for its first.
    expect(log).toEqual(['start m1', 'start m2']);
    release.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start m1', 'start m2', 'end m1', 'start m3']);
    while (release.length > 0) {
      release.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await running).toEqual([]);
  });

  it('returns the entries that failed, in batch order, and runs the others', async () => {
    const ran: string[] = [];
    const entries = [entry('m1', 'a'), entry('m2', 'b'), entry('m3', 'a'), entry('m4', 'c')];
    const failed = await runBatchEntries(entries, async (id) => {
      if (id === 'm4' || id === 'm1') throw new Error(`gateway refused ${id}`);
      ran.push(id);
      return Promise.resolve();
    });
    expect(ran.sort()).toEqual(['m2', 'm3']);
    expect(failed.map(({ entry: failedEntry }) => failedEntry.id)).toEqual(['m1', 'm4']);
    expect(String(failed[1].error)).toContain('gateway refused m4');
  });
});

describe('checkedEntries', () => {
  it('takes a batch as the relay writes it', () => {
    const entries = [entry('m1', 'a'), entry('m2', 'b')];
    expect(checkedEntries(entries)).toBe(entries);
  });

  it.each([
    [undefined, 'entries'],
    ['nope', 'entries'],
    [[], 'entries'],
    [[null], 'entries[0]'],
    [[{ data: { caseId: 'a' } }], 'entries[0].id'],
    [[{ id: 'm1', data: { caseId: 'a' } }, { id: 'm2' }], 'entries[1].data'],
    [[{ id: 'm1', data: { caseVersion: 1 } }], 'entries[0].data.caseId'],
  ])('refuses %j, naming %s', (entries, field) => {
    expect(() => checkedEntries(entries)).toThrow(MalformedBatch);
    try {
      checkedEntries(entries);
    } catch (error) {
      expect((error as MalformedBatch).field).toBe(field);
    }
  });
});
