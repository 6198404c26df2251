import type { OutboxEntity } from '@onevisit/persistence';
import { batchJobId, relayedJobs } from './relayed-jobs.js';

let next = 0;
function row(topic: string, payload: Record<string, unknown>, runAt: Date | null = null) {
  next += 1;
  return {
    id: `row-${next}`,
    topic,
    payload,
    createdAt: new Date(),
    dispatchedAt: null,
    runAt,
  } satisfies OutboxEntity;
}

const text = (caseId: string) =>
  row('notification.send', { caseId, caseVersion: 2, template: 'accepted' });
const milestone = (caseId: string) =>
  row('supervision.case-event', { caseId, caseVersion: 2, milestones: [{ topic: 'accepted' }] });

describe('relayedJobs', () => {
  it('relays a lone row as its own job under its row id, as before', () => {
    const lone = text('c1');
    const timer = row('timer.fire', { caseId: 'c1', caseVersion: 2 }, new Date(Date.now() + 1000));
    expect(relayedJobs([lone, timer])).toEqual([
      { name: 'timer.fire', data: timer.payload, jobId: timer.id, runAt: timer.runAt },
      { name: 'notification.send', data: lone.payload, jobId: lone.id, runAt: null },
    ]);
  });

  it('puts texts and supervision messages found together into batches, each entry under its row id', () => {
    const texts = [text('c1'), text('c2'), text('c1')];
    const milestones = [milestone('c1'), milestone('c2')];
    const check = row('data-sharing.identity-check', { caseId: 'c3', caseVersion: 1 });
    const jobs = relayedJobs([texts[0], milestones[0], check, texts[1], milestones[1], texts[2]]);
    expect(jobs).toEqual([
      { name: 'data-sharing.identity-check', data: check.payload, jobId: check.id, runAt: null },
      {
        name: 'notification.send-batch',
        data: { entries: texts.map((r) => ({ id: r.id, data: r.payload })) },
        jobId: batchJobId(texts.map((r) => r.id)),
        runAt: null,
      },
      {
        name: 'supervision.case-event-batch',
        data: { entries: milestones.map((r) => ({ id: r.id, data: r.payload })) },
        jobId: batchJobId(milestones.map((r) => r.id)),
        runAt: null,
      },
    ]);
  });

  it('caps a batch at the entry limit; a lone row left over goes out on its own', () => {
    const texts = [text('a'), text('b'), text('c'), text('d'), text('e')];
    const jobs = relayedJobs(texts, 2);
    expect(jobs.map((job) => job.name)).toEqual([
      'notification.send-batch',
      'notification.send-batch',
      'notification.send',
    ]);
    expect(jobs.map((job) => job.jobId)).toEqual([
      batchJobId([texts[0].id, texts[1].id]),
      batchJobId([texts[2].id, texts[3].id]),
      texts[4].id,
    ]);
  });

  it('never batches a delayed row', () => {
    const later = row('notification.send', { caseId: 'c1' }, new Date(Date.now() + 60_000));
    const now = text('c2');
    expect(relayedJobs([later, now]).map((job) => job.jobId)).toEqual([later.id, now.id]);
  });
});

describe('batchJobId', () => {
  it('is the same for the same rows and differs when any row differs', () => {
    expect(batchJobId(['a', 'b'])).toBe(batchJobId(['a', 'b']));
    expect(batchJobId(['a', 'b'])).not.toBe(batchJobId(['a', 'b', 'c']));
    expect(batchJobId(['a', 'b'])).not.toBe(batchJobId(['b', 'a']));
    // BullMQ refuses custom ids with a colon or made only of digits.
    expect(batchJobId(['a'])).toMatch(/^batch-[0-9a-f]{40}$/);
  });
});
