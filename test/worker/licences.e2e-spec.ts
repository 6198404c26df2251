import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { CaseService } from '@onevisit/engine';
import { type IssueLicencesRequest, LicenceHolderCipher, LicenceIssuer } from '@onevisit/licences';
import { TimerJobs } from '../../apps/worker/src/jobs/timer-jobs.service.js';
import { DataCheckEntity, LicenceEntity, TransactionRunner } from '@onevisit/persistence';
import {
  eventually,
  messages,
  PHONE,
  publishSeeded,
  startRestaurantCase,
  startWorkerTestApp,
  TEST_ACTOR,
  type WorkerTestApp,
} from './worker-test-app.js';

const REGISTRATION = 'company-establishment-registration';
const FOOD = 'food-operation-licence';

describe('licence jobs, verification, notifications (one restaurant case through the worker)', () => {
  let t: WorkerTestApp;
  let caseId: string;
  const http = () => request(t.app.getHttpServer());
  const cases = () => t.app.get(CaseService);
  // Rows store the holder's ID number encrypted: open them as the registry does.
  const licenceOf = async (item: string) => {
    const row = await t.dataSource.getRepository(LicenceEntity).findOneBy({ caseId, item });
    return row && t.app.get(LicenceHolderCipher).open(row);
  };
  /** The business licence of the registration item, for the holder of `licence`, asked again. */
  const registrationLicenceOf = (licence: LicenceEntity): IssueLicencesRequest => ({
    caseId,
    item: REGISTRATION,
    licenceTypes: [
      {
        code: 'business-licence',
        name: { zh: '营业执照', en: 'Business licence' },
        kind: 'licence',
        issuer: 'market-regulation',
      },
    ],
    holder: licence.holder,
  });
  const itemStatus = async (item: string) =>
    (await cases().get(caseId)).items.find((entry) => entry.item === item)?.status;

  beforeAll(async () => {
    t = await startWorkerTestApp('licences');
    await publishSeeded(t);
    const started = await startRestaurantCase(t, [FOOD]);
    caseId = started.id;
    await cases().apply(caseId, { type: 'ACCEPT' }, TEST_ACTOR);
    await cases().apply(caseId, { type: 'REVIEW_DONE', item: REGISTRATION }, TEST_ACTOR);
    await cases().apply(caseId, { type: 'APPROVE', item: REGISTRATION }, TEST_ACTOR);
  });
  afterAll(() => t.close());

  it('issues the approved item its sealed licence and reports LICENCE_ISSUED to the case', async () => {
    await eventually(async () => (await itemStatus(REGISTRATION)) === 'approved');
    const licence = (await licenceOf(REGISTRATION))!;
    expect(licence).toMatchObject({
      type: 'business-licence',
      issuer: 'market-regulation',
      holder: { name: '张三', idNumber: '11010519491231002X' },
      validUntil: null,
      revokedAt: null,
    });
    expect(licence.number).toMatch(/^BL-\d{8}-000001$/);
    expect(licence.seal).toMatch(/^[A-Za-z0-9_-]{86}$/);
    const view = await cases().get(caseId);
    expect(view.licences).toContainEqual(
      expect.objectContaining({ item: REGISTRATION, number: licence.number }),
    );

    const verified = await http().get(`/licences/${licence.number}/verify`).expect(200);
    expect(verified.body).toEqual({
      number: licence.number,
      type: 'business-licence',
      holderName: '张*',
      issuer: 'market-regulation',
      issuedAt: licence.content.issuedAt,
      validUntil: null,
      status: 'valid',
    });
  });

  it('issues the pledged item at once (告知承诺) with the validity of its licence type', async () => {
    await eventually(async () => (await licenceOf(FOOD)) ?? null);
    const licence = (await licenceOf(FOOD))!;
    expect(licence.content.validUntil).not.toBeNull();
    const [from, until] = [licence.content.validFrom, licence.content.validUntil!];
    expect(Number(until.slice(0, 4)) - Number(from.slice(0, 4))).toBe(5);
    await eventually(async () =>
      (await cases().get(caseId)).licences.some((l) => l.item === FOOD && l.number !== null),
    );
    expect(await itemStatus(FOOD)).toBe('committed');
  });

  it('issues nothing twice for the same case, item and type (a re-run job)', async () => {
    const before = (await licenceOf(REGISTRATION))!;
    const count = await t.dataSource.getRepository(LicenceEntity).countBy({ caseId });
    const again = await t.app.get(LicenceIssuer).issue(registrationLicenceOf(before));
    expect(again.map((licence) => licence.number)).toEqual([before.number]);
    expect(await t.dataSource.getRepository(LicenceEntity).countBy({ caseId })).toBe(count);
  });

  it('finds the licences already issued in the read made with the case row lock', async () => {
    const before = (await licenceOf(REGISTRATION))!;
    const count = await t.dataSource.getRepository(LicenceEntity).countBy({ caseId });
    const issuer = t.app.get(LicenceIssuer);
    // As a case transaction does it: the read starts with the lock, the issuing uses its answer.
    const again = await t.app.get(TransactionRunner).run(async (manager) => {
      const held = issuer.readIssued(manager, caseId);
      return issuer.issueItems([registrationLicenceOf(before)], held);
    });
    expect(again.map((licences) => licences.map((licence) => licence.number))).toEqual([
      [before.number],
    ]);
    expect(await t.dataSource.getRepository(LicenceEntity).countBy({ caseId })).toBe(count);
  });

  it('numbers licences of one type issued at once consecutively, none twice', async () => {
    const type = {
      code: 'business-licence',
      name: { zh: '营业执照', en: 'Business licence' },
      kind: 'licence' as const,
      issuer: 'market-regulation',
    };
    const holder = (await licenceOf(REGISTRATION))!.holder;
    const sequenceOf = (number: string) => Number(number.slice(-6));
    const before = await t.dataSource.getRepository(LicenceEntity).findBy({ type: type.code });
    const highest = Math.max(...before.map((licence) => sequenceOf(licence.number)));
    const issued = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.app.get(LicenceIssuer).issue({
          caseId: randomUUID(),
          item: REGISTRATION,
          licenceTypes: [type],
          holder,
        }),
      ),
    );
    const sequences = issued
      .map(([licence]) => sequenceOf(licence?.number ?? ''))
      .sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, index) => highest + 1 + index));
  });

  it('reserves numbers of several types at once: blocks per type, consecutive, none twice', async () => {
    const typeOf = (code: string, issuer: string) => ({
      code,
      name: { zh: code, en: code },
      kind: 'licence' as const,
      issuer,
    });
    const business = typeOf('business-licence', 'market-regulation');
    const food = typeOf('food-operation-licence', 'market-regulation');
    const issuer = t.app.get(LicenceIssuer);
    const at = new Date();
    // Concurrent reservations of overlapping types, each in one statement.
    const reservations = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        issuer.reserveNumbers(i % 2 === 0 ? [business, food, business] : [food, business], at),
      ),
    );
    for (const code of [business.code, food.code]) {
      const taken = reservations.flatMap((reserved) => reserved.get(code) ?? []);
      expect(taken).toHaveLength(code === business.code ? 12 : 8);
      expect(new Set(taken).size).toBe(taken.length);
      const sorted = [...taken].sort((a, b) => a - b);
      expect(sorted).toEqual(Array.from({ length: taken.length }, (_, i) => (sorted[0] ?? 0) + i));
    }
    // A type listed twice gets a block of two consecutive numbers.
    const [first, second] = reservations[0]?.get(business.code) ?? [];
    expect(second).toBe((first ?? 0) + 1);

    // Issuing uses the reserved numbers, and an item issued again gets its licence back.
    const holder = (await licenceOf(REGISTRATION))!.holder;
    const reserved = await issuer.reserveNumbers([business, food], at);
    const expected = [reserved.get(business.code)?.[0], reserved.get(food.code)?.[0]];
    const otherCase = randomUUID();
    const issued = await issuer.issueItems([
      {
        caseId: otherCase,
        item: REGISTRATION,
        licenceTypes: [business],
        holder,
        issuedAt: at,
        reserved,
      },
      { caseId: otherCase, item: FOOD, licenceTypes: [food], holder, issuedAt: at, reserved },
    ]);
    expect(issued.map(([licence]) => Number(licence?.number.slice(-6)))).toEqual(expected);
    const again = await issuer.issueItems([
      { caseId: otherCase, item: FOOD, licenceTypes: [food], holder, issuedAt: at },
    ]);
    expect(again[0]?.[0]?.number).toBe(issued[1]?.[0]?.number);
    expect(await t.dataSource.getRepository(LicenceEntity).countBy({ caseId: otherCase })).toBe(2);
  });

  it('verifies an offline copy, and calls a copy with altered content forged', async () => {
    const licence = (await licenceOf(REGISTRATION))!;
    const copy = await http()
      .post('/licences/verify')
      .send({ licence: licence.content, seal: licence.seal })
      .expect(200);
    expect(copy.body.status).toBe('valid');
    const altered = {
      ...licence.content,
      holder: { name: '李四', idNumber: '11010519491231002X' },
    };
    const forged = await http()
      .post('/licences/verify')
      .send({ licence: altered, seal: licence.seal })
      .expect(200);
    expect(forged.body.status).toBe('forged');
    const bad = await http()
      .post('/licences/verify')
      .send({ licence: { number: 'x' }, seal: 1 })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('seal');
  });

  it('lists the applicant their own licences and refuses anyone else’s', async () => {
    const token = await t.token({ sub: 'zhang-san', name: '张三', roles: ['applicant'] });
    const own = await http().get('/licences').auth(token, { type: 'bearer' }).expect(200);
    expect((own.body as { type: string }[]).map((l) => l.type).sort()).toEqual([
      'business-licence',
      'food-operation-licence',
    ]);
    await http().get('/licences?holder=li-si').auth(token, { type: 'bearer' }).expect(403);
  });

  it('reminds the department when the post-check comes due unchecked, and not after', async () => {
    const timers = t.app.get(TimerJobs);
    const due = { caseId, caseVersion: 1, timer: 'post-check-due' as const, item: FOOD };
    await timers.fire('timer-due-1', due);
    const notices = await messages(t, 'department');
    expect(notices.find((notice) => notice.id === 'timer-due-1')?.payload).toMatchObject({
      department: 'market-regulation',
      subject: 'post-check-overdue',
      caseId,
      item: FOOD,
    });
    // A deadline timer on a case with nothing missing changes nothing and never throws.
    await expect(
      timers.fire('timer-supplement', { caseId, caseVersion: 1, timer: 'supplement-deadline' }),
    ).resolves.toBeUndefined();
  });

  it('revokes the pledged licence when the post-check fails: it verifies as revoked', async () => {
    await cases().apply(
      caseId,
      { type: 'POST_CHECK_FAILED', item: FOOD, reason: '现场核查与承诺不符' },
      TEST_ACTOR,
    );
    const licence = await eventually(async () => {
      const row = await licenceOf(FOOD);
      return row?.revokedAt ? row : null;
    });
    expect(licence.revokeReason).toContain('现场核查与承诺不符');
    await t.app
      .get(TimerJobs)
      .fire('timer-due-2', { caseId, caseVersion: 1, timer: 'post-check-due', item: FOOD });
    expect((await messages(t, 'department')).map((notice) => notice.id)).not.toContain(
      'timer-due-2',
    );
    const verified = await http().get(`/licences/${licence.number}/verify`).expect(200);
    expect(verified.body.status).toBe('revoked');
  });

  it('calls a stored licence whose content was tampered with forged', async () => {
    const licence = (await licenceOf(REGISTRATION))!;
    await t.dataSource
      .getRepository(LicenceEntity)
      .update({ id: licence.id }, { content: { ...licence.content, validUntil: '2099-12-31' } });
    const verified = await http().get(`/licences/${licence.number}/verify`).expect(200);
    expect(verified.body.status).toBe('forged');
    await http().get('/licences/NO-SUCH-000001/verify').expect(404);
  });

  it('texts the applicant through the SMS gateway and logs the phone masked', async () => {
    const sms = await eventually(async () => {
      const found = await messages(t, 'sms');
      return found.find((message) => message.payload.template === 'accepted');
    });
    expect(sms.payload.phone).toBe(PHONE);
    expect(String(sms.payload.text)).toContain('已受理');
    await eventually(async () =>
      (await messages(t, 'sms')).some((m) => m.payload.template === 'post-check-failed'),
    );
    expect(t.logger.lines.some((line) => line.includes('138****8000'))).toBe(true);
    expect(t.logger.lines.filter((line) => line.includes(PHONE))).toEqual([]);
  });

  it('checks the identity against shared data and pushes milestones to supervision', async () => {
    const check = await eventually(() =>
      t.dataSource.getRepository(DataCheckEntity).findOneBy({ caseId }),
    );
    expect(check).toMatchObject({ kind: 'identity', result: 'match' });
    expect(JSON.stringify(check.detail)).not.toContain('19491231');
    const pushed = await eventually(async () => {
      const found = await messages(t, 'supervision');
      const topics = found.filter((m) => m.payload.caseId === caseId).map((m) => m.payload.topic);
      return topics.includes('breach') && topics;
    });
    expect(pushed).toEqual(expect.arrayContaining(['accepted', 'item-decided', 'breach']));
  });
});
