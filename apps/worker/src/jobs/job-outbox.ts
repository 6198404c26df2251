import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@onevisit/persistence';
import {
  insertOutboxRows,
  type JobName,
  type JobOf,
  OutboxRelay,
  outboxRowOf,
} from '@onevisit/queues';

/**
 * Jobs that a job makes itself, outside any case transition: written to the outbox in
 * one statement, committed at once, and relayed now rather than at the relay's next poll.
 */
@Injectable()
export class JobOutbox {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly relay: OutboxRelay,
  ) {}

  async add<N extends JobName>(jobs: JobOf<N>[]): Promise<void> {
    const rows = jobs.map((job) => outboxRowOf(job));
    await this.tx.runStatement((manager) => insertOutboxRows(manager, rows));
    this.relay.kick();
  }
}
