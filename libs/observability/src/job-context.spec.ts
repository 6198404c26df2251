import { ProcessorDecoratorService } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { installJobContext } from './job-context.js';
import { currentContext } from './request-context.js';

describe('job context', () => {
  it('runs every processor inside its job: request id from the job data, queue, name and id', async () => {
    installJobContext();
    installJobContext(); // idempotent: no double wrapping
    const seen: unknown[] = [];
    const processor = new ProcessorDecoratorService().decorate(() => {
      seen.push(currentContext());
      return Promise.resolve('done');
    });
    const job = {
      id: 'job-1',
      name: 'notification.send',
      queueName: 'notifications',
      data: { caseId: 'c', meta: { requestId: 'req-42' } },
    } as unknown as Job;
    await expect(processor(job)).resolves.toBe('done');
    expect(seen).toEqual([
      { requestId: 'req-42', queue: 'notifications', jobName: 'notification.send', jobId: 'job-1' },
    ]);
    // A job without a request id (a timer, a retry from the dashboard) gets a fresh one.
    await processor({ ...job, data: {} } as unknown as Job);
    expect((seen[1] as { requestId: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(currentContext()).toBeUndefined();
  });
});
