import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { IsNull } from 'typeorm';
import { SMS_GATEWAY, type SmsGateway } from '@onevisit/integrations';
import { OutboxEntity } from '@onevisit/persistence';
import {
  batchJobId,
  insertOutboxRows,
  type JobPayloads,
  OutboxRelay,
  outboxRowOf,
  QueueName,
} from '@onevisit/queues';
import {
  eventually,
  messages,
  publishSeeded,
  startRestaurantCase,
  startWorkerTestApp,
  type WorkerTestApp,
} from './worker-test-app.js';

/** Records what it sends; refuses a chosen message id the first time it comes. */
class RecordingSms implements SmsGateway {
  readonly sent: string[] = [];
  readonly refusedOnce = new Set<string>();
  send(messageId: string): Promise<void> {
    if (this.refusedOnce.delete(messageId)) {
      return Promise.reject(new Error(`operator refused ${messageId}`));
    }
    this.sent.push(messageId);
    return Promise.resolve();
  }
}

const ENV = { QUEUE_NOTIFICATIONS_BACKOFF_MS: '10' };

describe('texts and supervision messages relayed together run as batch jobs', () => {
  let t: WorkerTestApp;
  const sms = new RecordingSms();

  beforeAll(async () => {
    Object.assign(process.env, ENV);
    t = await startWorkerTestApp('batches', [{ provide: SMS_GATEWAY, useValue: sms }]);
    await publishSeeded(t);
  });
  afterAll(async () => {
    for (const key of Object.keys(ENV)) delete process.env[key];
    await t.close();
  });

  /**
   * Outbox rows written in one statement once the relay has taken every earlier row: its
   * next pass finds these, and only these.
   */
  async function writeTogether(rows: OutboxEntity[]): Promise<void> {
    const outbox = t.dataSource.getRepository(OutboxEntity);
    await eventually(async () => (await outbox.countBy({ dispatchedAt: IsNull() })) === 0);
    await t.dataSource.transaction((manager) => insertOutboxRows(manager, rows));
    t.app.get(OutboxRelay).kick();
  }

  function queue(name: QueueName): Queue {
    return t.app.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** The batch job whose entries are exactly `rows` (in the relay's order, by row id). */
  async function batchOf(name: QueueName, rows: OutboxEntity[]) {
    const wanted = rows.map((row) => row.id).sort();
    const jobs = await queue(name).getJobs(['completed', 'active', 'waiting', 'failed']);
    return jobs.find((job) => {
      const entries = (job.data as { entries?: { id: string }[] }).entries ?? [];
      return JSON.stringify(entries.map((entry) => entry.id).sort()) === JSON.stringify(wanted);
    }) as Job<{ entries: { id: string }[] }> | undefined;
  }

  it('sends every entry under its own row id, once, as one job per kind', async () => {
    const cases = [await startRestaurantCase(t), await startRestaurantCase(t)];
    const texts = cases.map((started) =>
      outboxRowOf({
        name: 'notification.send',
        data: { caseId: started.id, caseVersion: started.version, template: 'accepted' },
      }),
    );
    const milestones = cases.map((started) =>
      outboxRowOf({
        name: 'supervision.case-event',
        data: {
          caseId: started.id,
          caseVersion: started.version,
          milestones: [{ topic: 'accepted' }],
        } satisfies JobPayloads['supervision.case-event'],
      }),
    );
    await writeTogether([...texts, ...milestones]);

    await eventually(() => Promise.resolve(texts.every((row) => sms.sent.includes(row.id))));
    const recorded = await eventually(async () => {
      const found = (await messages(t, 'supervision')).filter((message) =>
        milestones.some((row) => message.id === `${row.id}:0`),
      );
      return found.length === milestones.length && found;
    });
    expect(recorded.map((message) => message.payload)).toEqual(
      expect.arrayContaining(
        cases.map((started): unknown =>
          expect.objectContaining({ kind: 'case-event', caseId: started.id, topic: 'accepted' }),
        ),
      ),
    );

    const textBatch = await batchOf(QueueName.Notifications, texts);
    expect(textBatch?.name).toBe('notification.send-batch');
    expect(textBatch?.id).toBe(batchJobId(textBatch?.data.entries.map((entry) => entry.id) ?? []));
    expect(await textBatch?.isCompleted()).toBe(true);
    const milestoneBatch = await batchOf(QueueName.Supervision, milestones);
    expect(milestoneBatch?.name).toBe('supervision.case-event-batch');
    // No entry ran as a job of its own.
    for (const row of texts)
      expect(await queue(QueueName.Notifications).getJob(row.id)).toBeUndefined();

    // Relayed again (a relay that crashed before marking them): the same batch, ignored.
    await t.dataSource.getRepository(OutboxEntity).update(
      texts.map((row) => row.id),
      { dispatchedAt: null },
    );
    await t.app.get(OutboxRelay).relayOnce();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sms.sent.filter((id) => texts.some((row) => row.id === id))).toHaveLength(texts.length);
  });

  it('hands an entry that fails a job of its own under its row id, retried as usual', async () => {
    const started = await startRestaurantCase(t);
    const texts = ['accepted', 'results-ready', 'delivered'].map((template) =>
      outboxRowOf({
        name: 'notification.send',
        data: { caseId: started.id, caseVersion: started.version, template },
      }),
    );
    const refused = texts[1];
    sms.refusedOnce.add(refused.id);
    await writeTogether(texts);

    await eventually(() => Promise.resolve(texts.every((row) => sms.sent.includes(row.id))));
    expect(sms.refusedOnce.size).toBe(0);
    // Its own job ran it again under its own id; the others were sent once, from the batch.
    const own = await queue(QueueName.Notifications).getJob(refused.id);
    expect(own?.name).toBe('notification.send');
    expect(await own?.isCompleted()).toBe(true);
    for (const row of texts) expect(sms.sent.filter((id) => id === row.id)).toHaveLength(1);
    expect(t.logger.lines.join('\n')).toContain(`each queued as its own job: ${refused.id}`);
  });
});
