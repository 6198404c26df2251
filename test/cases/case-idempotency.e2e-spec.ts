import { randomUUID } from 'node:crypto';
import { CaseEntity, IdempotencyRecordEntity } from '@onevisit/persistence';
import type { CaseView } from '@onevisit/engine';
import { type CaseApp, ID_NUMBER, startCaseApp } from './case-fixtures.js';
// The restaurant bundle's full answers (every item's fields).
import { RESTAURANT_ANSWERS } from '../security/security-fixtures.js';

const ANSWERS = RESTAURANT_ANSWERS;
const START = { bundleCode: 'open-a-restaurant', answers: ANSWERS };

describe('Idempotency-Key on creating routes', () => {
  let c: CaseApp;
  const cases = () => c.t.dataSource.getRepository(CaseEntity).count();
  const startWith = (key: string, body: object = START, who: 'applicant' | 'other' = 'applicant') =>
    c.post(who, '/cases', body).set('Idempotency-Key', key);

  beforeAll(async () => {
    c = await startCaseApp('idempotency');
  });
  afterAll(() => c.close());

  it('answers a retry with the first answer and starts one case', async () => {
    const key = randomUUID();
    const before = await cases();
    const first = await startWith(key).expect(201);
    const again = await startWith(key).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body).toEqual(first.body);
    expect(await cases()).toBe(before + 1);
  });

  it('refuses the key with another body (422, naming the header), and writes nothing', async () => {
    const key = randomUUID();
    await startWith(key).expect(201);
    const before = await cases();
    const refused = await startWith(key, {
      ...START,
      answers: { ...ANSWERS, foodSafetyManagerName: '钱七' },
    }).expect(422);
    expect(refused.body).toMatchObject({
      statusCode: 422,
      errors: [{ field: 'Idempotency-Key', message: 'already used with another request' }],
    });
    expect(await cases()).toBe(before);
  });

  it('keeps keys per client: another applicant’s same key is a request of its own', async () => {
    const key = randomUUID();
    const mine = await startWith(key).expect(201);
    const theirs = await startWith(key, START, 'other').expect(201);
    expect((theirs.body as CaseView).id).not.toBe((mine.body as CaseView).id);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('runs a request afresh after a refusal: only answers that wrote something are kept', async () => {
    const key = randomUUID();
    const bad = { ...START, answers: { ...ANSWERS, applicantIdNumber: '123' } };
    await startWith(key, bad).expect(400);
    await startWith(key, bad).expect(400);
    await startWith(key).expect(201);
  });

  it('starts one case for the same key sent twice at once', async () => {
    const key = randomUUID();
    const before = await cases();
    const [a, b] = await Promise.all([startWith(key), startWith(key)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((a.body as CaseView).id).toBe((b.body as CaseView).id);
    expect(await cases()).toBe(before + 1);
  });

  it('refuses a malformed key and stores answers encrypted', async () => {
    const refused = await startWith('no spaces allowed').expect(400);
    expect(refused.body).toMatchObject({ errors: [{ field: 'Idempotency-Key' }] });
    const stored = await c.t.dataSource.getRepository(IdempotencyRecordEntity).find();
    expect(stored.length).toBeGreaterThan(0);
    for (const row of stored) {
      expect(row.response).not.toContain(ID_NUMBER);
      expect(row.route).toBe('POST /cases');
    }
  });

  it('is documented on the route', async () => {
    const document = (await c.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, { post?: { parameters?: { name: string; in: string }[] } }>;
    };
    expect(document.paths['/cases']?.post?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
    );
    expect(document.paths['/complaints']?.post?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key' })]),
    );
  });
});
