import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Queue, UnrecoverableError } from 'bullmq';
import { currentContext, requestIdOfJobData, runWithContext } from '@onevisit/observability';
import { addJobs, type BatchableJobName, type BatchEntry, QUEUE_OF_JOB } from '@onevisit/queues';
import { checkedEntries, MalformedBatch, runBatchEntries } from './batch-entries.js';

/**
 * Runs the batch jobs the relay makes of texts and supervision messages. An entry that
 * fails is handed a job of its own, under its own id, with the queue's retries, backoff
 * and incident, exactly as if it had never been batched; the batch then completes. When
 * even that cannot be queued (Redis is away), the batch fails and BullMQ runs it again:
 * its entries that already ran are deduped by their message ids, as any retried job is.
 *
 * The entries go to the queue directly, not through the outbox: their ids exist already
 * (the outbox rows the relay batched), and nothing in the database changes with them.
 */
@Injectable()
export class JobBatches {
  private readonly logger = new Logger(JobBatches.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  /**
   * `all`, when given, handles every entry at once (one upload, one statement); when it
   * fails the entries are run one by one with `handle`.
   */
  async run<N extends BatchableJobName>(
    batchJobId: string,
    name: N,
    payloadEntries: unknown,
    handle: (id: string, data: BatchEntry<N>['data']) => Promise<void>,
    all?: (entries: readonly BatchEntry<N>[]) => Promise<void>,
  ): Promise<void> {
    const entries = this.entriesOf<N>(batchJobId, payloadEntries);
    if (all) {
      try {
        await all(entries);
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn(
          `job ${batchJobId}: its ${entries.length} ${name} entries failed together ` +
            `(${reason}); running them one by one`,
        );
      }
    }
    // Each entry logs as its own job would: its own id, and the request that caused it.
    const batch = currentContext();
    const failed = await runBatchEntries(entries, (id, data) =>
      runWithContext(
        {
          ...batch,
          requestId: requestIdOfJobData(data) ?? batch?.requestId ?? id,
          jobName: name,
          jobId: id,
        },
        () => handle(id, data),
      ),
    );
    if (failed.length === 0) return;
    const queueName = QUEUE_OF_JOB[name];
    const queue = this.moduleRef.get<Queue>(getQueueToken(queueName), { strict: false });
    const first = failed[0].error;
    const reason = first instanceof Error ? first.message : String(first);
    try {
      await addJobs(
        queue,
        queueName,
        failed.map(({ entry }) => ({ name, data: entry.data, jobId: entry.id, runAt: null })),
      );
    } catch (error) {
      throw new Error(
        `job ${batchJobId}: ${failed.length} of its ${name} entries failed (${reason}) ` +
          'and could not be queued on their own',
        { cause: error },
      );
    }
    this.logger.warn(
      `job ${batchJobId}: ${failed.length} of ${entries.length} ${name} entries failed ` +
        `(first: ${reason}); each queued as its own job: ${failed.map(({ entry }) => entry.id).join(', ')}`,
    );
  }

  /** A payload no relay wrote fails at once, naming its field: no retry would mend it. */
  private entriesOf<N extends BatchableJobName>(
    batchJobId: string,
    payloadEntries: unknown,
  ): BatchEntry<N>[] {
    try {
      return checkedEntries<N>(payloadEntries);
    } catch (error) {
      if (!(error instanceof MalformedBatch)) throw error;
      throw new UnrecoverableError(`job ${batchJobId}: malformed batch: ${error.message}`);
    }
  }
}
