import { CaseService, ClockRecomputer, lockCaseRow } from '@onevisit/engine';
import { runInTransaction } from '@onevisit/persistence';
import { DeadlineJobs } from '../../apps/worker/src/jobs/deadline-jobs.service.js';
import {
  publishSeeded,
  RESTAURANT_ANSWERS,
  startWorkerTestApp,
  TEST_ACTOR,
  type WorkerTestApp,
} from '../worker/worker-test-app.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A case's transitions lock its row, then write its tasks, items and clocks. Every other
 * writer of those rows must take the case row first too: in another order, the two
 * deadlock (seen between deadline checks and transitions). PostgreSQL only: SQLite runs
 * one write transaction at a time, so no row lock order arises there.
 */
describe('writers of a case take its row lock first', () => {
  const onPostgres = process.env.DATABASE_URL ? it : it.skip;
  let t: WorkerTestApp;

  beforeAll(async () => {
    t = await startWorkerTestApp('case-lock-order');
    await publishSeeded(t);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  }, 30_000);

  async function acceptedCase(): Promise<string> {
    const cases = t.app.get(CaseService);
    const started = await cases.start(
      {
        bundleCode: 'open-a-restaurant',
        answers: RESTAURANT_ANSWERS,
        applicant: { sub: 'zhang-san', name: '张三' },
      },
      TEST_ACTOR,
    );
    await cases.apply(started.id, { type: 'ACCEPT' }, TEST_ACTOR);
    return started.id;
  }

  /**
   * Runs `work` while another transaction holds the case row: it must still be waiting
   * after a pause, and finish once that transaction ends.
   */
  async function waitsForCaseRow(caseId: string, work: () => Promise<unknown>): Promise<void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = runInTransaction(t.dataSource, async (manager) => {
      expect(await lockCaseRow(manager, caseId)).toBe(true);
      locked();
      await released;
    });
    await isLocked;
    let finished = false;
    const working = work().then(() => (finished = true));
    await pause(400);
    expect(finished).toBe(false);
    release();
    await holder;
    await working;
    expect(finished).toBe(true);
  }

  onPostgres('a clock recompute waits for the case row before touching its clocks', async () => {
    const caseId = await acceptedCase();
    await waitsForCaseRow(caseId, () =>
      t.app.get(ClockRecomputer).recompute({ from: '2000-01-01' }),
    );
  });

  onPostgres('a deadline check waits for the case row before flagging', async () => {
    const caseId = await acceptedCase();
    const clock = await t.dataSource.query<{ key: string; generation: number }[]>(
      `SELECT "key", "generation" FROM "case_clock" WHERE "case_id" = $1 AND "kind" = 'item' LIMIT 1`,
      [caseId],
    );
    expect(clock).toHaveLength(1);
    await waitsForCaseRow(caseId, () =>
      t.app.get(DeadlineJobs).check('lock-order-check', {
        caseId,
        caseVersion: 0,
        clock: clock[0].key,
        generation: clock[0].generation,
        stage: 'due-soon',
      }),
    );
    const [flagged] = await t.dataSource.query<{ flag: string | null }[]>(
      `SELECT "flag" FROM "case_clock" WHERE "case_id" = $1 AND "key" = $2`,
      [caseId, clock[0].key],
    );
    expect(flagged.flag).toBe('due-soon');
  });
});
