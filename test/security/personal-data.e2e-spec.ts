import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseService, type CaseView } from '@onevisit/engine';
import {
  CaseEntity,
  CaseEventEntity,
  type PiiAccessLogEntity,
  runInTransaction,
} from '@onevisit/persistence';
import { decryptAnswers, keyringOf, PiiKeyring, reencryptStoredPii } from '@onevisit/pii';
import { ID_NUMBER, PHONE, RESTAURANT_ANSWERS, SecurityApp } from './security-fixtures.js';

interface AnswersBody {
  answers: Record<string, unknown>;
  masked: string[];
}

describe('personal data (个人信息保护)', () => {
  const onPostgres = process.env.DATABASE_URL ? it : it.skip;
  let app: SecurityApp;
  let caseId: string;
  const k2 = PiiKeyring.generateKey();

  const rawSnapshot = async () =>
    (
      (await app.dataSource
        .createQueryBuilder()
        .select('c.snapshot', 'snapshot')
        .from(CaseEntity, 'c')
        .where('c.id = :id', { id: caseId })
        .getRawOne()) as { snapshot: string }
    ).snapshot;
  const rawPayloads = async () =>
    (
      await app.dataSource
        .createQueryBuilder()
        .select('e.payload', 'payload')
        .from(CaseEventEntity, 'e')
        .where('e.case_id = :id', { id: caseId })
        .getRawMany<{ payload: string }>()
    ).map((row) => row.payload);

  beforeAll(async () => {
    app = await SecurityApp.start('pii');
    const started = await app.call('clerk', 'POST', '/cases', {
      bundleCode: 'open-a-restaurant',
      answers: RESTAURANT_ANSWERS,
      applicant: { sub: 'zhang-san', name: '张三' },
    });
    expect(started.status).toBe(201);
    caseId = (started.body as CaseView).id;
  }, 120_000);

  afterAll(() => app?.close(), 60_000);

  it('stores ID and phone numbers as ciphertext, in the case row and in its events', async () => {
    const stored = [await rawSnapshot(), ...(await rawPayloads())];
    for (const text of stored) {
      expect(text).not.toContain(ID_NUMBER);
      expect(text).not.toContain(PHONE);
    }
    const snapshot = JSON.parse(stored[0]) as { context: { answers: Record<string, string> } };
    expect(snapshot.context.answers.applicantIdNumber).toMatch(/^enc:v1:k1:/);
    expect(snapshot.context.answers.applicantPhone).toMatch(/^enc:v1:k1:/);
    expect(snapshot.context.answers.legalRepresentativeIdNumber).toMatch(/^enc:v1:k1:/);
    // Not personal: stays readable for queries and support.
    expect(snapshot.context.answers.companyName).toBe('老王面馆有限公司');
    // The engine still works on plaintext: replay from the encrypted events matches.
    await expect(app.t.app.get(CaseService).replayCase(caseId)).resolves.toMatchObject({
      matches: true,
    });
  });

  it('shows personal answers in full to those who need them and masked to others', async () => {
    const read = async (caller: Parameters<SecurityApp['call']>[0]) => {
      const response = await app.call(caller, 'GET', `/cases/${caseId}/answers`);
      expect(response.status).toBe(200);
      return response.body as AnswersBody;
    };
    for (const caller of ['applicant', 'clerk', 'officer'] as const) {
      const body = await read(caller);
      expect(body.answers.applicantIdNumber).toBe(ID_NUMBER);
      expect(body.answers.applicantPhone).toBe(PHONE);
    }
    for (const caller of ['supervisor', 'admin'] as const) {
      const body = await read(caller);
      expect(body.answers.applicantIdNumber).toBe('110***********002X');
      expect(body.answers.applicantPhone).toBe('138****8000');
      expect(body.masked).toEqual(expect.arrayContaining(['applicantIdNumber', 'applicantPhone']));
    }
    expect((await app.call('officer-other', 'GET', `/cases/${caseId}/answers`)).status).toBe(403);
    expect((await app.call('clerk-other', 'GET', `/cases/${caseId}/answers`)).status).toBe(403);
  });

  it('logs every staff read for supervisors, without the values themselves', async () => {
    const response = await app.call(
      'supervisor',
      'GET',
      `/supervision/pii-access?caseId=${caseId}`,
    );
    expect(response.status).toBe(200);
    const entries = (response.body as { items: PiiAccessLogEntity[] }).items;
    expect(entries.map((entry) => entry.readerSub).sort()).toEqual([
      'admin-1',
      'clerk-1',
      'mr-1',
      'sup-1',
    ]);
    const clerkRead = entries.find((entry) => entry.readerSub === 'clerk-1')!;
    expect(clerkRead.purpose).toBe('GET /cases/:id/answers');
    expect(clerkRead.fields).toEqual(
      expect.arrayContaining([{ key: 'applicantIdNumber', shown: 'full' }]),
    );
    const supervisorRead = entries.find((entry) => entry.readerSub === 'sup-1')!;
    expect(supervisorRead.fields).toEqual(
      expect.arrayContaining([{ key: 'applicantIdNumber', shown: 'masked' }]),
    );
    expect(JSON.stringify(entries)).not.toContain(ID_NUMBER);
    for (const caller of ['clerk', 'officer', 'admin', 'applicant'] as const) {
      expect((await app.call(caller, 'GET', '/supervision/pii-access')).status).toBe(403);
    }
  });

  it('rotates keys: rows re-encrypt under the new key and still decrypt', async () => {
    const file = JSON.parse(readFileSync(join(app.t.config.varDir, 'pii-keys.json'), 'utf8')) as {
      keys: string;
      hashKey: string;
    };
    const rotated = keyringOf(`k2:${k2},${file.keys}`, file.hashKey);
    const result = await reencryptStoredPii(app.dataSource, rotated);
    expect(result.cases).toBeGreaterThanOrEqual(1);
    expect(result.events).toBeGreaterThanOrEqual(1);
    const snapshot = JSON.parse(await rawSnapshot()) as {
      context: { answers: Record<string, string> };
    };
    expect(snapshot.context.answers.applicantIdNumber).toMatch(/^enc:v1:k2:/);
    expect(decryptAnswers(snapshot.context.answers, rotated).applicantIdNumber).toBe(ID_NUMBER);
    for (const payload of await rawPayloads()) expect(payload).not.toMatch(/enc:v1:k1:/);
    // A second run finds nothing left to do.
    await expect(reencryptStoredPii(app.dataSource, rotated)).resolves.toEqual({
      cases: 0,
      events: 0,
      licences: 0,
    });
  });

  // PostgreSQL: a transition holds the case row while the rotation writes it.
  onPostgres('rotates keys while a case moves on, without undoing its new state', async () => {
    const file = JSON.parse(readFileSync(join(app.t.config.varDir, 'pii-keys.json'), 'utf8')) as {
      keys: string;
      hashKey: string;
    };
    // After the rotation above: k2 is current, k1 still listed.
    const rotated = keyringOf(`k3:${PiiKeyring.generateKey()},k2:${k2},${file.keys}`, file.hashKey);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    // Stands for a transition: holds the row, then writes a new state at the next version.
    const transition = runInTransaction(app.dataSource, async (manager) => {
      const row = await manager
        .createQueryBuilder(CaseEntity, 'c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id: caseId })
        .getOneOrFail();
      locked();
      await released;
      await manager.update(
        CaseEntity,
        { id: caseId },
        { snapshot: { ...row.snapshot, moved: 'on' }, version: row.version + 1 },
      );
    });
    await isLocked;
    // The rotation reads the state before the transition and then waits on the row.
    const rotation = reencryptStoredPii(app.dataSource, rotated);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await transition;
    expect((await rotation).cases).toBeGreaterThanOrEqual(1);
    const snapshot = JSON.parse(await rawSnapshot()) as {
      moved?: string;
      context: { answers: Record<string, string> };
    };
    expect(snapshot.moved).toBe('on');
    expect(snapshot.context.answers.applicantIdNumber).toMatch(/^enc:v1:k3:/);
    expect(decryptAnswers(snapshot.context.answers, rotated).applicantIdNumber).toBe(ID_NUMBER);
  });
});
