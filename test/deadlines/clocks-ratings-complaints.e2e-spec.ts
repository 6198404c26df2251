import { CalendarService, NATIONAL_REGION } from '@onevisit/calendar';
import { CaseClockEntity, OutboxEntity, TaskEntity } from '@onevisit/persistence';
import { type CaseView, WorkingTime } from '@onevisit/engine';
import type { ComplaintView } from '../../apps/api/src/complaints/complaints.service.js';
import { type CaseApp, startCaseApp } from '../cases/case-fixtures.js';
import { BIZ, FOOD, workingDaysAgo } from './deadline-fixtures.js';

const ANSWERS = {
  applicantName: '张三',
  applicantIdNumber: '11010519491231002X',
  applicantPhone: '13800138000',
  floorAreaBand: 'under-300',
  hasOutdoorSignboard: false,
  dischargesWastewater: false,
  companyName: '老王面馆有限公司',
  companyType: 'limited-liability',
  registeredCapital: 100000,
  businessScope: '餐饮服务',
  businessAddress: '北京市东城区一号',
  legalRepresentativeName: '王五',
  legalRepresentativeIdNumber: '11010519491231002X',
  foodBusinessFormat: 'catering',
  cateringCategory: 'hot-food',
  foodSafetyManagerName: '赵六',
};

const itemOf = (view: CaseView, item: string) => view.items.find((entry) => entry.item === item);

describe('time limits, rating follow-up and complaints', () => {
  let c: CaseApp;
  let time: WorkingTime;

  beforeAll(async () => {
    c = await startCaseApp('deadlines-clocks');
    time = c.t.app.get(WorkingTime);
  }, 60_000);
  afterAll(() => c.close(), 30_000);

  const view = async (caseId: string) =>
    (await c.get('applicant', `/cases/${caseId}`).expect(200)).body as CaseView;

  /** A restaurant case accepted and its business licence issued: the food licence is in review. */
  async function caseInFoodReview(): Promise<CaseView> {
    const started = await c.start(ANSWERS);
    await c.post('clerk', `/cases/${started.id}/intake`, { decision: 'accept' }).expect(200);
    await c.complete('market', started.id, 'review', BIZ, 'done');
    await c.complete('market', started.id, 'decision', BIZ, 'approve');
    return c.issueLicence(started.id, BIZ, 'business-licence', 'BL-0001');
  }

  it('pauses the item clock during a site inspection and resumes it with the days left', async () => {
    const inReview = await caseInFoodReview();
    const cal = time.calendar;
    // Running: the promised 5 working days from the moment the item could start.
    let tracked = await view(inReview.id);
    expect(itemOf(tracked, FOOD)).toMatchObject({
      status: 'review',
      clock: 'running',
      daysUsed: 0,
      dueDate: cal.addWorkingDays(new Date(), 5),
    });
    // The case's promised total (承诺总时限) runs from acceptance.
    expect(tracked.clocks?.case).toMatchObject({
      limitDays: 10,
      status: 'running',
      dueDate: cal.addWorkingDays(new Date(), 10),
    });

    // The review took three working days (the clock is moved back instead of waiting).
    await c.t.dataSource
      .getRepository(CaseClockEntity)
      .update(
        { caseId: inReview.id, key: `item:${FOOD}` },
        { runningSince: workingDaysAgo(cal, 3) },
      );

    // Site inspection (现场踏勘): the item clock stands; the procedure's own 10 days run.
    await c.complete('market', inReview.id, 'review', FOOD, 'done');
    tracked = await view(inReview.id);
    expect(itemOf(tracked, FOOD)).toMatchObject({
      status: 'procedure',
      clock: 'paused',
      daysUsed: 3,
      dueDate: null,
    });
    const procedureClock = tracked.clocks?.clocks.find((clock) => clock.kind === 'procedure');
    expect(procedureClock).toMatchObject({
      key: `procedure:${FOOD}:0`,
      department: 'market-regulation',
      limitDays: 10,
      status: 'running',
      dueDate: cal.addWorkingDays(new Date(), 10),
    });
    const procedureTask = await c.task('market', inReview.id, 'procedure', FOOD);
    expect(procedureTask.dueDate).toBe(procedureClock?.dueDate);

    // Inspection done: 2 working days left, counted from now.
    await c.complete('market', inReview.id, 'procedure', FOOD, 'done');
    tracked = await view(inReview.id);
    expect(itemOf(tracked, FOOD)).toMatchObject({
      status: 'decision',
      clock: 'running',
      daysUsed: 3,
      dueDate: cal.addWorkingDays(new Date(), 2),
    });
    expect(tracked.clocks?.clocks.find((clock) => clock.kind === 'procedure')?.status).toBe(
      'stopped',
    );
    const decisionTask = await c.task('market', inReview.id, 'decision', FOOD);
    expect(decisionTask.dueDate).toBe(cal.addWorkingDays(new Date(), 2));
  }, 30_000);

  it('opens a rectification task with its own deadline on a dissatisfied rating', async () => {
    const inReview = await caseInFoodReview();
    await c.complete('market', inReview.id, 'review', FOOD, 'done');
    await c.complete('market', inReview.id, 'procedure', FOOD, 'done');
    await c.complete('market', inReview.id, 'decision', FOOD, 'approve');
    await c.issueLicence(inReview.id, FOOD, 'food-operation-licence', 'FL-0001');
    await c.post('clerk', `/cases/${inReview.id}/deliver`, { method: 'window' }).expect(200);
    const ratedAt = new Date();
    await c
      .post('applicant', `/cases/${inReview.id}/rating`, { level: 1, comment: '踏勘拖了很久' })
      .expect(200);

    const followUp = (await c.tasks('supervisor')).find(
      (task: TaskEntity) => task.caseId === inReview.id && task.kind === 'rating-follow-up',
    );
    expect(followUp?.dueDate).toBe(time.calendar.addWorkingDays(ratedAt, 10));
    // …and a warning scheduled for when it comes due (run by the deadlines queue).
    const scheduled = await c.t.dataSource
      .getRepository(OutboxEntity)
      .findBy({ topic: 'deadline.follow-up' });
    expect(scheduled.map((row) => row.payload)).toContainEqual(
      expect.objectContaining({
        subject: 'rectification',
        id: followUp?.id,
        dueDate: followUp?.dueDate,
      }),
    );

    const ratings = await c.get('supervisor', '/supervision/ratings').expect(200);
    expect(ratings.body.distribution['1']).toBeGreaterThanOrEqual(1);
    expect(ratings.body.dissatisfied).toBeGreaterThanOrEqual(1);
    expect(ratings.body.openRectifications).toContainEqual(
      expect.objectContaining({ caseId: inReview.id, dueDate: followUp?.dueDate, overdue: false }),
    );
    await c.get('market', '/supervision/ratings').expect(403);

    // The finished case counts in the on-time and duration reports.
    const onTime = await c.get('supervisor', '/supervision/on-time').expect(200);
    expect(onTime.body.byDepartment['market-regulation']).toMatchObject({ rate: 1 });
    expect(onTime.body.byBundle['open-a-restaurant'].onTime).toBeGreaterThanOrEqual(2);
    const durations = await c.get('supervisor', '/supervision/durations').expect(200);
    expect(durations.body.bundles).toContainEqual(
      expect.objectContaining({ bundle: 'open-a-restaurant', promisedLimitDays: 10, cases: 1 }),
    );
  }, 30_000);

  it('routes a complaint to the department, records a forward and shows the reply', async () => {
    const started = await c.start(ANSWERS);
    await c.post('clerk', `/cases/${started.id}/intake`, { decision: 'accept' }).expect(200);
    // A complaint on the service must say which department.
    await c.post('applicant', '/complaints', { content: '窗口态度不好' }).expect(400);
    await c
      .post('other', '/complaints', { caseId: started.id, content: '不是我的办件' })
      .expect(403);

    const filed = await c
      .post('applicant', '/complaints', { caseId: started.id, item: BIZ, content: '审核太慢' })
      .expect(201);
    const complaint = filed.body as ComplaintView;
    expect(complaint).toMatchObject({
      department: 'market-regulation',
      status: 'open',
      applicantSub: 'zhang-san',
      replyDueDate: time.calendar.addWorkingDays(new Date(), 5),
      late: false,
    });
    expect((await c.get('market', '/complaints').expect(200)).body).toContainEqual(
      expect.objectContaining({ id: complaint.id }),
    );
    await c.post('fire', `/complaints/${complaint.id}/reply`, { reply: '不归我们' }).expect(403);

    // Market regulation hands it on to the fire department, which replies.
    const forwarded = await c
      .post('market', `/complaints/${complaint.id}/forward`, {
        department: 'fire-rescue',
        note: '涉及消防',
      })
      .expect(200);
    expect(forwarded.body).toMatchObject({
      department: 'fire-rescue',
      forwards: [expect.objectContaining({ from: 'market-regulation', to: 'fire-rescue' })],
    });
    await c.post('market', `/complaints/${complaint.id}/reply`, { reply: '已处理' }).expect(403);
    await c
      .post('fire', `/complaints/${complaint.id}/reply`, { reply: '已安排明日踏勘' })
      .expect(200);
    await c.post('fire', `/complaints/${complaint.id}/reply`, { reply: '再答一次' }).expect(409);

    const seen = await c.get('applicant', `/complaints/${complaint.id}`).expect(200);
    expect(seen.body).toMatchObject({ status: 'replied', reply: '已安排明日踏勘', late: false });
    await c.get('other', `/complaints/${complaint.id}`).expect(403);

    const stats = await c.get('supervisor', '/supervision/complaints').expect(200);
    expect(stats.body).toMatchObject({
      total: 1,
      replied: 1,
      repliedOnTime: 1,
      onTimeReplyRate: 1,
      forwarded: 1,
      forwardingRate: 1,
      byDepartment: { 'fire-rescue': { total: 1, onTime: 1, rate: 1 } },
    });
  }, 30_000);

  it('moves a running due date when the holiday calendar gains a day off before it', async () => {
    const inReview = await caseInFoodReview();
    const cal = time.calendar;
    const before = itemOf(await view(inReview.id), FOOD)?.dueDate;
    expect(before).toBe(cal.addWorkingDays(new Date(), 5));
    // The next working day becomes a holiday: the item is due one working day later.
    const dayOff = cal.addWorkingDays(new Date(), 1);
    await c.t.app
      .get(CalendarService)
      .putDay(NATIONAL_REGION, { date: dayOff, kind: 'holiday', name: '临时休假' }, 'test');
    expect(cal.isWorkingDay(dayOff)).toBe(false);
    const after = itemOf(await view(inReview.id), FOOD);
    expect(after?.dueDate).toBe(cal.addWorkingDays(new Date(), 5));
    expect(after?.dueDate).not.toBe(before);
    expect(cal.workingDaysBetween(before ?? '', after?.dueDate ?? '')).toBe(1);
  }, 30_000);
});
