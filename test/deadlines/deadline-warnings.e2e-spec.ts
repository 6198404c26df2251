import request from 'supertest';
import type { CaseView } from '@onevisit/engine';
import { randomUUID } from 'node:crypto';
import { TaskEntity as TaskEntityClass, type TaskEntity } from '@onevisit/persistence';
import { FollowUpJobs } from '../../apps/worker/src/jobs/follow-up-jobs.service.js';
import {
  eventually,
  messages,
  publishSeeded,
  RESTAURANT_ANSWERS,
  startWorkerTestApp,
  type WorkerTestApp,
} from '../worker/worker-test-app.js';
import { BIZ } from './deadline-fixtures.js';

/** One working day lasts this long for timers and deadline checks in this file. */
const WORKING_DAY_MS = 1500;

describe('due-soon and overdue through the deadlines queue', () => {
  let t: WorkerTestApp;
  let tokens: Record<'applicant' | 'clerk' | 'market' | 'supervisor', string>;
  const previous = process.env.TIMER_WORKING_DAY_MS;
  const previousReplyDays = process.env.COMPLAINT_REPLY_DAYS;

  beforeAll(async () => {
    process.env.TIMER_WORKING_DAY_MS = String(WORKING_DAY_MS);
    // A complaint reply is due after one (compressed) working day here.
    process.env.COMPLAINT_REPLY_DAYS = '1';
    t = await startWorkerTestApp('deadline-warnings');
    await publishSeeded(t);
    tokens = {
      applicant: await t.token({ sub: 'zhang-san', name: '张三', roles: ['applicant'] }),
      clerk: await t.token({ sub: 'clerk-1', roles: ['clerk'], window: 'w1' }),
      market: await t.token({ sub: 'mr-1', roles: ['officer'], department: 'market-regulation' }),
      supervisor: await t.token({ sub: 'sup-1', roles: ['supervisor'] }),
    };
  }, 60_000);
  afterAll(async () => {
    await t.close();
    if (previous === undefined) delete process.env.TIMER_WORKING_DAY_MS;
    else process.env.TIMER_WORKING_DAY_MS = previous;
    if (previousReplyDays === undefined) delete process.env.COMPLAINT_REPLY_DAYS;
    else process.env.COMPLAINT_REPLY_DAYS = previousReplyDays;
  }, 30_000);

  const http = () => request(t.app.getHttpServer());
  const get = (who: keyof typeof tokens, path: string) =>
    http().get(path).auth(tokens[who], { type: 'bearer' });
  const post = (who: keyof typeof tokens, path: string, body: object = {}) =>
    http().post(path).auth(tokens[who], { type: 'bearer' }).send(body);

  async function acceptedCase(): Promise<string> {
    const started = await post('applicant', '/cases', {
      bundleCode: 'open-a-restaurant',
      answers: RESTAURANT_ANSWERS,
    }).expect(201);
    const id = (started.body as CaseView).id;
    await post('clerk', `/cases/${id}/intake`, { decision: 'accept' }).expect(200);
    return id;
  }
  const flagOf = async (caseId: string) => {
    const view = (await get('applicant', `/cases/${caseId}`).expect(200)).body as CaseView;
    return view.items.find((item) => item.item === BIZ)?.dueFlag ?? null;
  };
  const reviewTask = async (caseId: string) => {
    const tasks = (await get('market', '/tasks').expect(200)).body as TaskEntity[];
    return tasks.find((task) => task.caseId === caseId && task.kind === 'review');
  };
  const warnings = async (caseId: string) =>
    (await messages(t, 'department'))
      .map((message) => message.payload)
      .filter((payload) => payload.caseId === caseId);

  it('warns an untouched item due soon, then flags it overdue, for its department and the supervisor', async () => {
    const caseId = await acceptedCase();
    // A 1-day item is due soon at once (80% of one day is no whole day).
    await eventually(async () => (await flagOf(caseId)) === 'due-soon', 5000);
    expect((await reviewTask(caseId))?.dueFlag).toBe('due-soon');

    await eventually(async () => (await flagOf(caseId)) === 'overdue', 10000);
    expect((await reviewTask(caseId))?.dueFlag).toBe('overdue');
    const sent = await warnings(caseId);
    for (const department of ['market-regulation', 'supervision']) {
      expect(sent).toContainEqual(
        expect.objectContaining({ department, subject: 'item-due-soon', item: BIZ }),
      );
      expect(sent).toContainEqual(
        expect.objectContaining({ department, subject: 'item-overdue', item: BIZ }),
      );
    }

    const board = await get('supervisor', '/supervision/deadlines').expect(200);
    const market = (board.body as { department: string; overdue: number; clocks: object[] }[]).find(
      (entry) => entry.department === 'market-regulation',
    );
    expect(market?.overdue).toBeGreaterThanOrEqual(1);
    expect(market?.clocks).toContainEqual(
      expect.objectContaining({ caseId, key: `item:${BIZ}`, flag: 'overdue', status: 'running' }),
    );
    await get('market', '/supervision/deadlines').expect(403);
  }, 30_000);

  it('ignores the checks of an item that finished in time', async () => {
    const caseId = await acceptedCase();
    const review = await reviewTask(caseId);
    await post('market', `/tasks/${review?.id ?? ''}/complete`, { outcome: 'done' }).expect(200);
    const tasks = (await get('market', '/tasks').expect(200)).body as TaskEntity[];
    const decision = tasks.find((task) => task.caseId === caseId && task.kind === 'decision');
    await post('market', `/tasks/${decision?.id ?? ''}/complete`, { outcome: 'approve' }).expect(
      200,
    );
    // Well past the item's overdue moment: its check found the clock stopped.
    await new Promise((resolve) => setTimeout(resolve, WORKING_DAY_MS * 2));
    expect(await flagOf(caseId)).not.toBe('overdue');
    expect((await warnings(caseId)).map((payload) => payload.subject)).not.toContain(
      'item-overdue',
    );
    const view = (await get('applicant', `/cases/${caseId}`).expect(200)).body as CaseView;
    expect(view.items.find((item) => item.item === BIZ)?.clock).toBe('stopped');
  }, 30_000);

  it('warns the department and the supervisors of a complaint still unanswered at its deadline, not of one answered', async () => {
    const caseId = await acceptedCase();
    const file = async (content: string) =>
      (await post('applicant', '/complaints', { caseId, item: BIZ, content }).expect(201)).body as {
        id: string;
      };
    const unanswered = await file('审核太慢');
    const answered = await file('材料问题');
    await post('market', `/complaints/${answered.id}/reply`, { reply: '已处理' }).expect(200);

    const about = async (complaintId: string) =>
      (await messages(t, 'department'))
        .map((message) => message.payload)
        .filter((payload) => payload.complaintId === complaintId);
    await eventually(async () => (await about(unanswered.id)).length === 2, 10000);
    expect(await about(unanswered.id)).toEqual(
      expect.arrayContaining(
        ['market-regulation', 'supervision'].map((department): unknown =>
          expect.objectContaining({ department, subject: 'complaint-reply-overdue', caseId }),
        ),
      ),
    );
    expect(await about(answered.id)).toEqual([]);
  }, 30_000);

  it('warns the supervisors of a rectification still open at its deadline and flags it, once', async () => {
    const tasks = t.dataSource.getRepository(TaskEntityClass);
    const task = (status: 'open' | 'done') => ({
      id: randomUUID(),
      caseId: randomUUID(),
      item: null,
      department: 'supervision',
      kind: 'rating-follow-up',
      status,
      claimedBy: null,
      dueDate: '2026-01-05',
      createdAt: new Date(),
      completedAt: null,
      madeAtVersion: 9,
      dueFlag: null,
    });
    const [open, done] = [task('open'), task('done')];
    await tasks.insert([open, done]);
    const jobs = t.app.get(FollowUpJobs);
    for (const row of [open, done]) {
      await jobs.due(`job-${row.id}`, {
        subject: 'rectification',
        id: row.id,
        dueDate: '2026-01-05',
      });
    }
    // A retried job warns nobody twice; a job for a date the task no longer has does nothing.
    await jobs.due(`job-${open.id}`, {
      subject: 'rectification',
      id: open.id,
      dueDate: '2026-01-05',
    });
    await jobs.due('job-other-date', {
      subject: 'rectification',
      id: open.id,
      dueDate: '2026-01-06',
    });

    const about = async (caseId: string) =>
      (await messages(t, 'department'))
        .map((message) => message.payload)
        .filter((payload) => payload.caseId === caseId);
    expect(await about(open.caseId)).toEqual([
      expect.objectContaining({ department: 'supervision', subject: 'rectification-overdue' }),
    ]);
    expect(await about(done.caseId)).toEqual([]);
    expect((await tasks.findOneByOrFail({ id: open.id })).dueFlag).toBe('overdue');
    expect((await tasks.findOneByOrFail({ id: done.id })).dueFlag).toBeNull();
  });
});
