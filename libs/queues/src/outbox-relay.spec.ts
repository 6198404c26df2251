import type { ModuleRef } from '@nestjs/core';
import type { TransactionRunner } from '@onevisit/persistence';
import { OutboxRelay } from './outbox-relay.service.js';

/** A database whose outbox is always empty: the relay polls and finds nothing. */
const emptyOutbox = {
  dataSource: { getRepository: () => ({ find: () => Promise.resolve([]) }) },
} as unknown as TransactionRunner;

describe('OutboxRelay.kick', () => {
  it('says whether this relay will take the rows: only between start and shutdown', async () => {
    const relay = new OutboxRelay(emptyOutbox, {} as ModuleRef);
    expect(relay.kick()).toBe(false);
    relay.start();
    expect(relay.kick()).toBe(true);
    await relay.onApplicationShutdown();
    expect(relay.kick()).toBe(false);
  });
});
