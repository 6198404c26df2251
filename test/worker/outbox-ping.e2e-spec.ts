import { OutboxPing } from '@onevisit/queues';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('outbox ping across processes (Redis pub/sub)', () => {
  const prefix = `ping-test-${process.pid}-${Date.now()}`;
  const api = new OutboxPing(REDIS_URL, prefix);
  const worker = new OutboxPing(REDIS_URL, prefix);
  const stranger = new OutboxPing(REDIS_URL, `${prefix}-other`);
  afterAll(() => Promise.all([api.close(), worker.close(), stranger.close()]));

  it('wakes the subscribers of its own prefix, once per burst of commits', async () => {
    let pings = 0;
    let strangerPings = 0;
    await worker.subscribe(() => pings++);
    await stranger.subscribe(() => strangerPings++);
    const woken = new Promise<void>((resolve) => {
      void worker.subscribe(() => resolve());
    });
    // Three commits in one turn of the event loop: one PUBLISH.
    api.publish();
    api.publish();
    api.publish();
    await woken;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pings).toBe(1);
    expect(strangerPings).toBe(0);
  });

  it('publishes nothing once closed', async () => {
    const closed = new OutboxPing(REDIS_URL, prefix);
    await closed.close();
    expect(() => closed.publish()).not.toThrow();
  });
});
