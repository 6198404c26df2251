import {
  CaseEntity,
  CaseEventEntity,
  CaseMaterialEntity,
  CasePledgeEntity,
  EvaluationEntity,
  OutboxEntity,
} from '@onevisit/persistence';
import type { CaseView } from '@onevisit/engine';
import { type CaseApp, itemStatus, RESTAURANT_ANSWERS, startCaseApp } from './case-fixtures.js';

const BIZ = 'company-establishment-registration';
const FOOD = 'food-operation-licence';
const FULL_ANSWERS = {
  ...RESTAURANT_ANSWERS,
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

describe('cases through the HTTP API', () => {
  let c: CaseApp;
  const count = (entity: new () => object) => c.t.dataSource.getRepository(entity).count();
  const start = (extra: object = {}) => c.start(FULL_ANSWERS, extra);

  beforeAll(async () => {
    c = await startCaseApp('cases');
  });
  afterAll(() => c.close());

  it('runs straight through: intake, officers tasks, licences, delivery and rating', async () => {
    const started = await start();
    expect(started).toMatchObject({
      status: 'intake',
      version: 1,
      applicant: { sub: 'zhang-san' },
    });
    expect(itemStatus(started, BIZ)).toBe('pending');

    const accepted = await c
      .post('clerk', `/cases/${started.id}/intake`, { decision: 'accept' })
      .expect(200);
    expect(accepted.body).toMatchObject({ status: 'processing', version: 2 });
    // Conditional items whose condition is false are recorded as not applicable at acceptance.
    const acceptedView = accepted.body as CaseView;
    expect(itemStatus(acceptedView, 'outdoor-signboard-setting')).toBe('not-applicable');
    expect(acceptedView.items.find((i) => i.item === 'drainage-permit')?.reason).toEqual({
      code: 'condition-false',
    });
    const bizItem = (accepted.body as CaseView).items.find((i) => i.item === BIZ);
    expect(bizItem?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The fire department sees nothing of this case; market regulation has the review.
    expect((await c.tasks('fire')).filter((t) => t.caseId === started.id)).toEqual([]);
    const fireView = await c.get('fire', `/cases/${started.id}`).expect(200);
    expect((fireView.body as CaseView).items.map((i) => i.department)).toEqual(['fire-rescue']);

    const claimed = await c.task('market', started.id, 'review', BIZ);
    await c.post('market', `/tasks/${claimed.id}/claim`).expect(200);
    await c.post('market2', `/tasks/${claimed.id}/complete`, { outcome: 'done' }).expect(409);
    await c.complete('market', started.id, 'review', BIZ, 'done');
    const approved = await c.complete('market', started.id, 'decision', BIZ, 'approve');
    expect(itemStatus(approved, BIZ)).toBe('issuing');
    const issueJobs = await c.t.dataSource
      .getRepository(OutboxEntity)
      .findBy({ topic: 'licence.issue' });
    expect(issueJobs.map((job) => job.payload)).toContainEqual(
      expect.objectContaining({
        caseId: started.id,
        caseVersion: approved.version,
        items: [expect.objectContaining({ item: BIZ })],
      }),
    );

    await c.issueLicence(started.id, BIZ, 'business-licence', 'BL-0001');
    // The licence produced in the case supplies the food licence's material (免证可办).
    const supplied = await c.t.dataSource
      .getRepository(CaseMaterialEntity)
      .findBy({ caseId: started.id });
    expect(supplied).toContainEqual(
      expect.objectContaining({
        material: 'business-licence',
        source: 'case-licence',
        licenceNumber: 'BL-0001',
      }),
    );
    await c.complete('market', started.id, 'review', FOOD, 'done');
    await c.complete('market', started.id, 'procedure', FOOD, 'done');
    await c.complete('market', started.id, 'decision', FOOD, 'approve');
    const done = await c.issueLicence(started.id, FOOD, 'food-operation-licence', 'FL-0001');
    expect(done.status).toBe('delivery');
    expect(done.applicantTodo).toEqual([{ action: 'collect-results' }]);
    expect(done.licences.map((l) => l.number)).toEqual(['BL-0001', 'FL-0001']);

    await c.post('clerk', `/cases/${started.id}/deliver`, { method: 'pigeon' }).expect(400);
    const delivered = await c
      .post('clerk', `/cases/${started.id}/deliver`, { method: 'window' })
      .expect(200);
    expect(delivered.body.status).toBe('delivered');
    await c.post('other', `/cases/${started.id}/rating`, { level: 5 }).expect(403);
    const rated = await c
      .post('applicant', `/cases/${started.id}/rating`, { level: 2, comment: '太慢' })
      .expect(200);
    expect(rated.body).toMatchObject({ status: 'closed', rating: { level: 2, comment: '太慢' } });
    expect(
      await c.t.dataSource.getRepository(EvaluationEntity).findOneBy({ caseId: started.id }),
    ).toMatchObject({
      level: 2,
      ratedBy: 'zhang-san',
    });
    // A dissatisfied rating under a real name is followed up by supervision.
    const followUps = (await c.tasks('supervisor')).filter((t) => t.caseId === started.id);
    expect(followUps.map((t) => t.kind)).toEqual(['rating-follow-up']);

    const tracking = await c.get('applicant', `/cases/${started.id}`).expect(200);
    const timeline = (tracking.body as CaseView).timeline ?? [];
    expect(timeline.map((e) => e.type)).toEqual([
      'START',
      'ACCEPT',
      'REVIEW_DONE',
      'APPROVE',
      'LICENCE_ISSUED',
      'REVIEW_DONE',
      'PROCEDURE_DONE',
      'APPROVE',
      'LICENCE_ISSUED',
      'DELIVER',
      'RATE',
    ]);
    expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_e, i) => i + 1));
    // No work left open for this case except the follow-up.
    const open = await c.t.dataSource.query(
      `SELECT kind FROM task WHERE case_id = $1 AND status IN ('open', 'claimed')`.replace(
        '$1',
        `'${started.id}'`,
      ),
    );
    expect(open).toEqual([{ kind: 'rating-follow-up' }]);
    expect((await c.cases.replayCase(started.id)).matches).toBe(true);
    await c.get('other', `/cases/${started.id}`).expect(403);
  });

  it('accepts with deficiencies and releases the held decision when the material comes in time', async () => {
    const started = await start();
    const refused = await c
      .post('clerk', `/cases/${started.id}/intake`, {
        decision: 'accept-with-deficiencies',
        missing: ['resident-id-card'],
      })
      .expect(409);
    expect(refused.body).toMatchObject({ material: 'resident-id-card' });
    const accepted = await c
      .post('clerk', `/cases/${started.id}/intake`, {
        decision: 'accept-with-deficiencies',
        missing: ['premises-use-proof'],
      })
      .expect(200);
    expect(accepted.body.applicantTodo).toEqual([
      { action: 'supply-materials', materials: ['premises-use-proof'] },
    ]);
    const timers = await c.t.dataSource.getRepository(OutboxEntity).findBy({ topic: 'timer.fire' });
    const deadline = timers.find(
      (row) => (row.payload as { caseId: string }).caseId === started.id,
    );
    expect(deadline?.runAt?.getTime()).toBeGreaterThan(Date.now());

    const reviewed = await c.complete('market', started.id, 'review', BIZ, 'done');
    expect(itemStatus(reviewed, BIZ)).toBe('awaiting-material');
    await expect(c.task('market', started.id, 'decision', BIZ)).rejects.toThrow(/no open decision/);

    await c
      .http()
      .post(`/cases/${started.id}/materials`)
      .auth(c.tokens.applicant, { type: 'bearer' })
      .field('material', 'premises-use-proof')
      .attach('file', Buffer.from('plain text'), { filename: 'a.txt', contentType: 'text/plain' })
      .expect(400);
    const uploaded = await c
      .http()
      .post(`/cases/${started.id}/materials`)
      .auth(c.tokens.applicant, { type: 'bearer' })
      .field('material', 'premises-use-proof')
      .attach('file', Buffer.from('%PDF-1.4 lease contract'), {
        filename: 'lease.pdf',
        contentType: 'application/pdf',
      })
      .expect(200);
    expect(uploaded.body).toMatchObject({ missing: [], applicantTodo: [] });
    expect(itemStatus(uploaded.body as CaseView, BIZ)).toBe('decision');
    await c.task('market', started.id, 'decision', BIZ);
    const rows = await c.t.dataSource
      .getRepository(CaseMaterialEntity)
      .findBy({ caseId: started.id });
    expect(rows).toEqual([
      expect.objectContaining({
        material: 'premises-use-proof',
        source: 'upload',
        fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect((await c.cases.replayCase(started.id)).matches).toBe(true);
  });

  it('loops through correction, then accepts the resubmission', async () => {
    const started = await start();
    await c
      .post('clerk', `/cases/${started.id}/intake`, {
        decision: 'request-correction',
        problems: [],
      })
      .expect(400);
    const asked = await c
      .post('clerk', `/cases/${started.id}/intake`, {
        decision: 'request-correction',
        problems: [
          { field: 'companyName', message: '名称与核名不符' },
          { material: 'articles-of-association', message: '缺少签字' },
        ],
      })
      .expect(200);
    expect(asked.body.status).toBe('correction');
    expect(asked.body.applicantTodo[0]).toMatchObject({
      action: 'resubmit',
      problems: [{ field: 'companyName' }, { material: 'articles-of-association' }],
    });
    await c
      .post('applicant', `/cases/${started.id}/resubmit`, {
        answers: { registeredCapital: 'lots' },
      })
      .expect(400);
    const resubmitted = await c
      .post('applicant', `/cases/${started.id}/resubmit`, {
        answers: { companyName: '老王餐饮有限公司' },
      })
      .expect(200);
    expect(resubmitted.body.status).toBe('intake');
    const accepted = await c
      .post('clerk', `/cases/${started.id}/intake`, { decision: 'accept' })
      .expect(200);
    expect(accepted.body.status).toBe('processing');
    const intakeTasks = await c.t.dataSource.query(
      `SELECT status FROM task WHERE kind = 'intake' AND case_id = '${started.id}' ORDER BY created_at`,
    );
    expect(intakeTasks).toEqual([{ status: 'done' }, { status: 'done' }]);
  });

  it('rejects with a reason, final', async () => {
    const started = await start();
    await c.post('clerk', `/cases/${started.id}/intake`, { decision: 'reject' }).expect(400);
    const rejected = await c
      .post('clerk', `/cases/${started.id}/intake`, {
        decision: 'reject',
        reason: '不属于餐饮经营',
      })
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      outcome: 'rejected',
      outcomeReason: '不属于餐饮经营',
    });
    expect(itemStatus(rejected.body as CaseView, BIZ)).toBe('cancelled');
    const again = await c
      .post('clerk', `/cases/${started.id}/intake`, { decision: 'accept' })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'event-not-allowed', allowed: [] });
  });

  it('lets only the applicant withdraw before the decision', async () => {
    const started = await start();
    await c.post('other', `/cases/${started.id}/withdraw`, {}).expect(403);
    const withdrawn = await c
      .post('applicant', `/cases/${started.id}/withdraw`, { reason: '不开了' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', outcome: 'withdrawn' });
    const intake = await c.t.dataSource.query(
      `SELECT status FROM task WHERE case_id = '${started.id}'`,
    );
    expect(intake).toEqual([{ status: 'cancelled' }]);
  });

  it('ends the dependants of a denied item as not applicable', async () => {
    const started = await start();
    await c.post('clerk', `/cases/${started.id}/intake`, { decision: 'accept' }).expect(200);
    await c.complete('market', started.id, 'review', BIZ, 'done');
    const task = await c.task('market', started.id, 'decision', BIZ);
    await c.post('market', `/tasks/${task.id}/complete`, { outcome: 'deny' }).expect(400);
    const denied = await c.complete('market', started.id, 'decision', BIZ, 'deny', '名称已被登记');
    expect(itemStatus(denied, BIZ)).toBe('denied');
    expect(denied.items.find((i) => i.item === FOOD)).toMatchObject({
      status: 'not-applicable',
      reason: { code: 'dependency-failed', upstream: BIZ, upstreamStatus: 'denied' },
    });
    expect(denied.status).toBe('delivery');
  });

  it('completes the same task twice at once with one effect', async () => {
    const started = await start();
    await c.post('clerk', `/cases/${started.id}/intake`, { decision: 'accept' }).expect(200);
    const task = await c.task('market', started.id, 'review', BIZ);
    const results = await Promise.all([
      c.post('market', `/tasks/${task.id}/complete`, { outcome: 'done' }),
      c.post('market2', `/tasks/${task.id}/complete`, { outcome: 'done' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const events = await c.t.dataSource
      .getRepository(CaseEventEntity)
      .findBy({ caseId: started.id, type: 'REVIEW_DONE' });
    expect(events).toHaveLength(1);
    const decisions = (await c.tasks('market')).filter(
      (t) => t.caseId === started.id && t.kind === 'decision',
    );
    expect(decisions).toHaveLength(1);
  });

  it('refuses a stale version and an event the state does not allow, with 409', async () => {
    const started = await start();
    const stale = await c
      .post('clerk', `/cases/${started.id}/intake`, { decision: 'accept', expectedVersion: 7 })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'stale-version' });
    const racing = await Promise.all([
      c.post('clerk', `/cases/${started.id}/intake`, { decision: 'accept', expectedVersion: 1 }),
      c.post('clerk', `/cases/${started.id}/intake`, {
        decision: 'reject',
        reason: 'x',
        expectedVersion: 1,
      }),
    ]);
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
    // On a case still in intake (the raced one may have been rejected: nothing is allowed).
    const waiting = await start();
    const notNow = await c
      .post('clerk', `/cases/${waiting.id}/deliver`, { method: 'window' })
      .expect(409);
    expect(notNow.body.code).toBe('event-not-allowed');
    expect(notNow.body.allowed.length).toBeGreaterThan(0);
    expect(notNow.body.allowed).not.toContainEqual(expect.objectContaining({ type: 'DELIVER' }));
  });

  it('writes nothing on a 400 and names every bad field', async () => {
    const before = await Promise.all([
      count(CaseEntity),
      count(OutboxEntity),
      count(CaseEventEntity),
    ]);
    const bad = await c
      .post('applicant', '/cases', {
        bundleCode: 'open-a-restaurant',
        answers: { ...FULL_ANSWERS, applicantPhone: '123', registeredCapital: 'lots' },
      })
      .expect(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['answers.applicantPhone', 'answers.registeredCapital']),
    );
    const unknown = await c
      .post('applicant', '/cases', {
        bundleCode: 'open-a-restaurant',
        answers: FULL_ANSWERS,
        extra: 1,
      })
      .expect(400);
    expect(unknown.body.errors[0].field).toBe('extra');
    const pledge = await c
      .post('applicant', '/cases', {
        bundleCode: 'open-a-restaurant',
        answers: FULL_ANSWERS,
        pledges: [{ item: BIZ, text: '本人承诺', signature: 'sig' }],
      })
      .expect(400);
    expect(pledge.body.errors[0].field).toBe('pledges.0.item');
    expect(
      await Promise.all([count(CaseEntity), count(OutboxEntity), count(CaseEventEntity)]),
    ).toEqual(before);
  });

  it('stores a pledge with its text and signature for an item that allows it', async () => {
    const started = await start({
      pledges: [{ item: FOOD, text: '本人承诺符合食品经营条件', signature: 'ed25519:abc' }],
    });
    const pledges = await c.t.dataSource
      .getRepository(CasePledgeEntity)
      .findBy({ caseId: started.id });
    expect(pledges).toEqual([
      expect.objectContaining({
        item: FOOD,
        text: '本人承诺符合食品经营条件',
        signature: 'ed25519:abc',
      }),
    ]);
  });

  it('lists applicants their own cases and clerks the cases', async () => {
    const mine = await c.get('applicant', '/cases').expect(200);
    expect((mine.body as CaseView[]).every((v) => v.applicant.sub === 'zhang-san')).toBe(true);
    expect((await c.get('other', '/cases').expect(200)).body).toEqual([]);
    const proxied = await c
      .post('clerk', '/cases', {
        bundleCode: 'open-a-restaurant',
        answers: FULL_ANSWERS,
        applicant: { sub: 'li-si', name: '李四' },
      })
      .expect(201);
    expect(proxied.body).toMatchObject({
      applicant: { sub: 'li-si' },
      proxySub: 'clerk-1',
      window: 'w1',
    });
    expect((await c.get('other', '/cases').expect(200)).body).toHaveLength(1);
    const windowCases = await c.get('clerk', '/cases').expect(200);
    expect((windowCases.body as CaseView[]).map((v) => v.id)).toEqual([proxied.body.id]);
  });
});
