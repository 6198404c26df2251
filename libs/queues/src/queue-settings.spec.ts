import { QueueName } from './job-catalogue.js';
import { jobOptions, processorOptions, queueSettings } from './queue-settings.js';

describe('queue settings', () => {
  it('uses the defaults when the environment says nothing', () => {
    expect(queueSettings(QueueName.Supervision, {}).attempts).toBeGreaterThan(1);
  });

  it('lets the environment override one setting of one queue', () => {
    const settings = queueSettings(QueueName.Supervision, { QUEUE_SUPERVISION_CONCURRENCY: '12' });
    expect(settings.concurrency).toBe(12);
    expect(settings.attempts).toBe(queueSettings(QueueName.Supervision, {}).attempts);
  });

  it('names the variable when an override is not a usable number', () => {
    expect(() => queueSettings(QueueName.Supervision, { QUEUE_SUPERVISION_ATTEMPTS: '0' })).toThrow(
      /QUEUE_SUPERVISION_ATTEMPTS/,
    );
  });

  it('takes a dead worker’s jobs over sooner when the lock is set shorter', () => {
    const options = processorOptions(QueueName.Licences, { QUEUE_LICENCES_LOCK_MS: '2000' });
    expect(options).toMatchObject({ lockDuration: 2000, stalledInterval: 2000 });
    expect(processorOptions(QueueName.Licences, {}).lockDuration).toBeGreaterThan(2000);
    expect(() => queueSettings(QueueName.Licences, { QUEUE_LICENCES_LOCK_MS: '0' })).toThrow(
      /QUEUE_LICENCES_LOCK_MS/,
    );
  });

  it('gives every job the outbox id as its job id, with retries and backoff', () => {
    const options = jobOptions(QueueName.Supervision, 'outbox-1');
    expect(options.jobId).toBe('outbox-1');
    expect(options.backoff).toEqual({ type: 'exponential', delay: expect.any(Number) });
  });
});
