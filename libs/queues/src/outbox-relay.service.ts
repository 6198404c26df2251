import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { In, IsNull } from 'typeorm';
import { connectedNow, RepeatedWarnings } from '@onevisit/observability';
import { OutboxEntity, TransactionRunner } from '@onevisit/persistence';
import { isJobName, QUEUE_OF_JOB, type QueueName } from './job-catalogue.js';
import { addJobs, relayedJobs } from './relayed-jobs.js';

const BATCH = 200;
const IDLE_POLL_MS = 250;
/** While the database or Redis is away the relay fails every poll: one warning per this. */
const FAILURE_WARNING_EVERY_MS = 30_000;

/**
 * Moves outbox rows to their queues. A row is enqueued with job id = row id, then marked
 * dispatched; a crash between the two re-enqueues the same id, which BullMQ ignores while
 * the job is kept (see `keepCompletedSeconds`), and handlers are idempotent besides.
 * Texts and supervision messages found several at once go out as batch jobs whose
 * entries keep their row ids (see `relayedJobs`).
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A kick that came while a batch was being relayed: its rows may have missed that batch. */
  private kicked = false;
  private readonly failures = new RepeatedWarnings(FAILURE_WARNING_EVERY_MS);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Relays one batch; returns how many rows were dispatched. */
  async relayOnce(limit = BATCH): Promise<number> {
    const repository = this.tx.dataSource.getRepository(OutboxEntity);
    const rows = await repository.find({
      where: { dispatchedAt: IsNull() },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
    });
    if (rows.length === 0) return 0;

    const byQueue = new Map<QueueName, OutboxEntity[]>();
    for (const row of rows) {
      if (!isJobName(row.topic)) {
        // A programming error, not a transient one: leave the row for an operator and say so.
        this.logger.error(
          `outbox ${row.id}: no job is named "${row.topic}"; row left undispatched`,
        );
        continue;
      }
      const queue = QUEUE_OF_JOB[row.topic];
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
    }
    for (const [queueName, queued] of byQueue) {
      const queue = this.queue(queueName);
      // Held until Redis is back, the pass would hold the relay and the process's shutdown.
      if (!(await connectedNow(queue))) throw new Error('Redis is not connected');
      await addJobs(queue, queueName, relayedJobs(queued));
    }
    const dispatched = [...byQueue.values()].flat().map((row) => row.id);
    if (dispatched.length > 0) {
      await this.tx.runStatement((manager) =>
        manager.update(
          OutboxEntity,
          { id: In(dispatched), dispatchedAt: IsNull() },
          { dispatchedAt: new Date() },
        ),
      );
    }
    return dispatched.length;
  }

  /** Keeps relaying until shutdown: full batches back to back, then a short idle poll. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /**
   * Relays now instead of at the next poll (called after a commit in the same process).
   * False when this relay is not running (not started, or shut down): someone else must
   * be told of the rows.
   */
  kick(): boolean {
    this.kicked = true;
    this.wake?.();
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let relayed = 0;
      let failed = false;
      this.kicked = false;
      try {
        relayed = await this.relayOnce();
      } catch (error) {
        // Database or Redis away: keep the rows, try again after the full idle wait.
        failed = true;
        this.warnOf(error);
      }
      if (relayed < BATCH && this.running) await this.idle(failed);
    }
  }

  private warnOf(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const { write, unwritten } = this.failures.note(message);
    if (!write) return;
    const more = unwritten > 0 ? ` (${unwritten} more failed passes since the last warning)` : '';
    this.logger.warn(`outbox relay: ${message}; rows stay undispatched and are retried${more}`);
  }

  private idle(afterFailure: boolean): Promise<void> {
    return new Promise((resolve) => {
      if (this.kicked && !afterFailure) {
        resolve();
        return;
      }
      const timer = setTimeout(done, IDLE_POLL_MS);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }
}
