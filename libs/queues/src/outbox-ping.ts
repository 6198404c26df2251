import { Redis } from 'ioredis';
import { redisConnectionOptions } from './redis-connection.js';

/**
 * A cross-process hint that the outbox has new rows: the process that committed (the API,
 * say) publishes on a Redis channel, and the worker processes running the relay wake up
 * instead of waiting for their idle poll. Only a hint: a lost ping costs one poll interval,
 * never a job, because the relay still polls.
 */
export class OutboxPing {
  private publisher?: Redis;
  private subscriber?: Redis;
  /** One PUBLISH per turn of the event loop however many commits happened in it. */
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {}

  get channel(): string {
    return `${this.prefix}:outbox-ping`;
  }

  /** Tells the relays that rows were committed; never throws, never waits. */
  publish(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.closed) return;
      this.publisher ??= this.connect();
      this.publisher.publish(this.channel, '1').catch(() => {
        // Redis away: the relay's poll picks the rows up.
      });
    });
  }

  /** Calls `onPing` for every ping from any process. */
  async subscribe(onPing: () => void): Promise<void> {
    this.subscriber ??= this.connect();
    this.subscriber.on('message', (channel: string) => {
      if (channel === this.channel) onPing();
    });
    await this.subscriber.subscribe(this.channel);
  }

  /** Nest calls this on shutdown (the engine module provides the ping). */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    const clients = [this.publisher, this.subscriber].filter(
      (client): client is Redis => client !== undefined,
    );
    await Promise.all(
      clients.map((client) =>
        client.quit().then(
          () => undefined,
          () => client.disconnect(),
        ),
      ),
    );
  }

  private connect(): Redis {
    const client = new Redis({ ...redisConnectionOptions(this.redisUrl), maxRetriesPerRequest: 1 });
    // Errors are reported through the failed commands above; no unhandled 'error' events.
    client.on('error', () => undefined);
    return client;
  }
}
