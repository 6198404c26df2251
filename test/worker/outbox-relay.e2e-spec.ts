import { IsNull, Not } from 'typeorm';
import { OutboxEntity } from '@onevisit/persistence';
import { OutboxRelay } from '@onevisit/queues';
import {
  eventually,
  messages,
  publishSeeded,
  startWorkerTestApp,
  type WorkerTestApp,
} from './worker-test-app.js';

describe('outbox relay → queue → supervision platform', () => {
  let t: WorkerTestApp;

  beforeAll(async () => {
    t = await startWorkerTestApp('relay');
    await publishSeeded(t);
  });
  afterAll(() => t.close());

  it('reports each published bundle once, even when its outbox row is relayed twice', async () => {
    const outbox = t.dataSource.getRepository(OutboxEntity);
    const rows = await outbox.findBy({ topic: 'supervision.bundle-published' });
    expect(rows.length).toBeGreaterThan(0);

    const recorded = await eventually(async () => {
      const found = await messages(t, 'supervision');
      return found.length === rows.length && found;
    });
    expect(recorded.map((message) => message.id).sort()).toEqual(rows.map((row) => row.id).sort());
    expect(recorded[0].payload).toMatchObject({
      kind: 'bundle-published',
      code: expect.any(String),
      version: 1,
      checksum: expect.any(String),
    });

    // A crash between enqueue and marking dispatched: the same rows go out again.
    await outbox.update({ topic: 'supervision.bundle-published' }, { dispatchedAt: null });
    await t.app.get(OutboxRelay).relayOnce();
    await eventually(async () => (await outbox.countBy({ dispatchedAt: IsNull() })) === 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await messages(t, 'supervision')).toHaveLength(rows.length);
    expect(await outbox.countBy({ dispatchedAt: Not(IsNull()) })).toBeGreaterThanOrEqual(
      rows.length,
    );
  });
});
