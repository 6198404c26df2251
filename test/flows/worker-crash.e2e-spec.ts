import { CaseService, type CaseView } from '@onevisit/engine';
import { CaseEventEntity, LicenceEntity } from '@onevisit/persistence';
import { QueueName } from '@onevisit/queues';
import {
  APPLICANT,
  CLERK,
  eventually,
  FLOW_RESTAURANT_ANSWERS,
  FlowApp,
  officer,
} from '../support/flow-app.js';
import { buildDist, databaseUrlOf, WorkerProcess } from '../support/worker-process.js';

const CASES = 30;
/** Workers' job lock: how soon another worker takes over the jobs of a killed one. */
const LOCK_MS = 3000;
const REGISTRATION = 'company-establishment-registration';
const FOOD = 'food-operation-licence';
const MARKET = officer('market-regulation');

/** Events that happen at most once per case (START, ACCEPT) or per item, whatever happens to a worker. */
const ONCE = ['START', 'ACCEPT', 'REVIEW_DONE', 'APPROVE', 'LICENCE_ISSUED'];

/** Restaurant answers (no signboard, no wastewater, small): registration, then the food licence. */
const ANSWERS = FLOW_RESTAURANT_ANSWERS;

/** Runs `work` over `inputs`, `width` at a time. */
async function inBatches<T>(inputs: T[], width: number, work: (input: T) => Promise<void>) {
  for (let i = 0; i < inputs.length; i += width) {
    await Promise.all(inputs.slice(i, i + width).map(work));
  }
}

/**
 * Separate worker processes on the database and Redis of the API (which runs no worker
 * itself); one is killed with SIGKILL in the middle of a run and another takes over.
 */
describe('a worker process killed (SIGKILL) in the middle of a run', () => {
  let f: FlowApp;
  const workers: WorkerProcess[] = [];
  let workerEnv: Record<string, string>;

  beforeAll(async () => {
    buildDist();
    f = await FlowApp.start('flow-crash', { worker: false });
    await f.publishSeeded();
    workerEnv = {
      DATABASE_URL: databaseUrlOf(f.config.database),
      VAR_DIR: f.db.dir,
      JWT_SECRET: f.config.jwt.secret,
      REDIS_URL: f.config.redisUrl,
      QUEUE_PREFIX: f.config.queuePrefix,
      LOG_LEVEL: 'log',
      // A killed worker's jobs are taken over within seconds instead of a minute.
      ...Object.fromEntries(
        Object.values(QueueName).map((queue) => [
          `QUEUE_${queue.toUpperCase().replace(/-/g, '_')}_LOCK_MS`,
          String(LOCK_MS),
        ]),
      ),
    };
    workers.push(await WorkerProcess.start(workerEnv), await WorkerProcess.start(workerEnv));
  }, 240000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await f.close();
  });

  const licences = () => f.dataSource.getRepository(LicenceEntity).count();

  it('completes every case, with no duplicated event, and each replays to its snapshot', async () => {
    const ids: string[] = [];
    await inBatches([...Array(CASES).keys()], 5, async () => {
      const started = await f.post(APPLICANT, '/cases', {
        bundleCode: 'open-a-restaurant',
        answers: ANSWERS,
        pledges: [{ item: FOOD, text: '本人承诺符合条件', signature: 'sig-zhang-san' }],
      });
      expect(started.status).toBe(201);
      ids.push((started.body as CaseView).id);
    });
    await inBatches(ids, 5, async (id) => {
      expect((await f.post(CLERK, `/cases/${id}/intake`, { decision: 'accept' })).status).toBe(200);
      expect((await f.completeTask(MARKET, id, 'review', REGISTRATION, 'done')).status).toBe(200);
    });

    // Approve half, and kill a worker while it issues their licences.
    const [first, second] = [ids.slice(0, CASES / 2), ids.slice(CASES / 2)];
    await inBatches(first, 5, async (id) => {
      const approved = await f.completeTask(MARKET, id, 'decision', REGISTRATION, 'approve');
      expect(approved.status).toBe(200);
    });
    const issuedBeforeKill = await eventually(async () => (await licences()) || null, 30000);
    await workers[0]?.kill();
    expect(issuedBeforeKill).toBeLessThan(CASES * 2);
    workers.push(await WorkerProcess.start(workerEnv));
    await inBatches(second, 5, async (id) => {
      const approved = await f.completeTask(MARKET, id, 'decision', REGISTRATION, 'approve');
      expect(approved.status).toBe(200);
    });

    // Every case completes: both items done, both licences recorded in the case.
    for (const id of ids) {
      await f.waitForCase(
        id,
        (view) =>
          view.status === 'delivery' &&
          view.licences.filter((licence) => licence.number !== null).length === 2,
        'both licences recorded',
        90000,
      );
    }

    // One licence per item; (case_id, seq) unique; no event twice where once is all there is.
    expect(await licences()).toBe(CASES * 2);
    const events = await f.dataSource.getRepository(CaseEventEntity).find();
    const seqs = new Set(events.map((event) => `${event.caseId}#${event.seq}`));
    expect(seqs.size).toBe(events.length);
    const once = events
      .filter((event) => ONCE.includes(event.type))
      .map((event) => `${event.caseId}#${event.type}#${String(event.payload.item)}`);
    expect(once.filter((key, index) => once.indexOf(key) !== index)).toEqual([]);
    // START, ACCEPT; registration's REVIEW_DONE, APPROVE, LICENCE_ISSUED; the food licence's.
    expect(once).toHaveLength(CASES * 6);

    const cases = f.app.get(CaseService);
    for (const id of ids) expect((await cases.replayCase(id)).matches).toBe(true);
  }, 240000);
});
