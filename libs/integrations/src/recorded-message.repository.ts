import { Injectable } from '@nestjs/common';
import { ExternalMessageEntity, rowWriterOf, TransactionRunner } from '@onevisit/persistence';

/**
 * Where the local adapters put what they would have sent. Keyed by message id, so a
 * retried job records once.
 */
@Injectable()
export class RecordedMessages {
  constructor(private readonly tx: TransactionRunner) {}

  async record(id: string, channel: string, payload: Record<string, unknown>): Promise<void> {
    await this.recordAll(channel, [{ id, payload }]);
  }

  /** Several messages of one channel in one statement; each is recorded once by its id. */
  async recordAll(
    channel: string,
    messages: { id: string; payload: Record<string, unknown> }[],
  ): Promise<void> {
    if (messages.length === 0) return;
    const recordedAt = new Date();
    await this.tx.runStatement((manager) =>
      rowWriterOf(manager, ExternalMessageEntity).insert(
        manager,
        messages.map(({ id, payload }) => ({ id, channel, payload, recordedAt })),
        { ignoreDuplicates: true },
      ),
    );
  }

  list(channel: string): Promise<ExternalMessageEntity[]> {
    return this.tx.dataSource
      .getRepository(ExternalMessageEntity)
      .find({ where: { channel }, order: { recordedAt: 'ASC' } });
  }
}
