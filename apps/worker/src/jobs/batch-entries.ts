import type { BatchableJobName, BatchEntry } from '@onevisit/queues';

/** An entry of a batch that failed, and why. */
export interface FailedEntry<N extends BatchableJobName> {
  entry: BatchEntry<N>;
  error: unknown;
}

/**
 * Runs each entry of a batch job with `handle`, as its own job would run (under its own
 * id), and returns those that failed. Entries of one case run one after the other, in
 * the order their transitions made them (a supervision platform hears "accepted" before
 * "decided"); different cases run at once, as their own jobs would have. One entry's
 * failure stops no other.
 */
export async function runBatchEntries<N extends BatchableJobName>(
  entries: readonly BatchEntry<N>[],
  handle: (id: string, data: BatchEntry<N>['data']) => Promise<void>,
): Promise<FailedEntry<N>[]> {
  const byCase = new Map<string, BatchEntry<N>[]>();
  for (const entry of entries) {
    const own = byCase.get(entry.data.caseId);
    if (own) own.push(entry);
    else byCase.set(entry.data.caseId, [entry]);
  }
  const failed: FailedEntry<N>[] = [];
  await Promise.all(
    [...byCase.values()].map(async (ofOneCase) => {
      for (const entry of ofOneCase) {
        try {
          await handle(entry.id, entry.data);
        } catch (error) {
          failed.push({ entry, error });
        }
      }
    }),
  );
  // In the batch's order, whatever order the cases finished in.
  return failed.sort((a, b) => entries.indexOf(a.entry) - entries.indexOf(b.entry));
}

/**
 * The entries of a batch job's payload, checked: only the relay writes them, so a payload
 * that fails here was written by something else and will not mend on a retry. Throws an
 * error naming the first field that is wrong (`entries`, `entries[2].id`, …).
 */
export function checkedEntries<N extends BatchableJobName>(entries: unknown): BatchEntry<N>[] {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new MalformedBatch('entries', 'must be a non-empty list');
  }
  entries.forEach((entry: unknown, index) => {
    const at = `entries[${index}]`;
    if (typeof entry !== 'object' || entry === null) {
      throw new MalformedBatch(at, 'must be an object');
    }
    const { id, data } = entry as { id?: unknown; data?: unknown };
    if (typeof id !== 'string' || id.length === 0) {
      throw new MalformedBatch(`${at}.id`, 'must be a job id');
    }
    if (typeof data !== 'object' || data === null) {
      throw new MalformedBatch(`${at}.data`, 'must be an object');
    }
    const { caseId } = data as { caseId?: unknown };
    if (typeof caseId !== 'string' || caseId.length === 0) {
      throw new MalformedBatch(`${at}.data.caseId`, 'must be a case id');
    }
  });
  return entries as BatchEntry<N>[];
}

/** A batch job's payload that no relay wrote: which field, and why. */
export class MalformedBatch extends Error {
  override name = 'MalformedBatch';

  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}
