import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  DepartmentKeyStore,
  LicenceIssuer,
  LicenceRegistry,
  verifyLicenceSeal,
} from '@onevisit/licences';
import { LicenceEntity } from '@onevisit/persistence';
import { keyringOf, openLicenceRow, PiiKeyring, reencryptStoredPii } from '@onevisit/pii';
import { startWorkerTestApp, type WorkerTestApp } from '../worker/worker-test-app.js';

const ID_NUMBER = '11010519491231002X';
const BUSINESS_LICENCE = {
  code: 'business-licence',
  name: { zh: '营业执照', en: 'Business licence' },
  kind: 'licence' as const,
  issuer: 'market-regulation',
};

describe('licence holders’ ID numbers at rest (个人信息保护)', () => {
  let t: WorkerTestApp;
  let number: string;
  const http = () => request(t.app.getHttpServer());
  /** The stored row as the database has it, columns as text. */
  const rawRow = async () => {
    const [row] = await t.dataSource.query<
      { holder: string; holder_id: string; content: string }[]
    >(
      `SELECT holder, holder_id, content FROM licence WHERE number = ${
        t.dataSource.options.type === 'postgres' ? '$1' : '?'
      }`,
      [number],
    );
    return row;
  };

  beforeAll(async () => {
    t = await startWorkerTestApp('licence-pii');
    const [licence] = await t.app.get(LicenceIssuer).issue({
      caseId: '00000000-0000-4000-8000-00000000c0de',
      item: 'company-establishment-registration',
      licenceTypes: [BUSINESS_LICENCE],
      holder: { name: '张三', idNumber: ID_NUMBER },
    });
    number = licence.number;
    // What the issuer hands back is opened: callers never see ciphertext.
    expect(licence.holder.idNumber).toBe(ID_NUMBER);
    expect(licence.content.holder.idNumber).toBe(ID_NUMBER);
  });
  afterAll(() => t.close());

  it('stores the ID number only as ciphertext, and a keyed hash to find it by', async () => {
    const row = await rawRow();
    for (const column of [row.holder, row.holder_id, row.content]) {
      expect(column).not.toContain(ID_NUMBER);
      expect(column).not.toContain(ID_NUMBER.slice(6, 14));
    }
    expect((JSON.parse(row.holder) as { idNumber: string }).idNumber).toMatch(/^enc:v1:/);
    expect((JSON.parse(row.content) as { holder: { idNumber: string } }).holder.idNumber).toMatch(
      /^enc:v1:/,
    );
    expect(row.holder_id).toMatch(/^[0-9a-f]{64}$/);
    expect(row.holder_id).toBe(t.app.get(PiiKeyring).hash(ID_NUMBER));
  });

  it('still verifies the seal (over the decrypted content) and masks the holder', async () => {
    const verified = await http().get(`/licences/${number}/verify`).expect(200);
    expect(verified.body).toMatchObject({ number, holderName: '张*', status: 'valid' });
    expect(JSON.stringify(verified.body)).not.toContain(ID_NUMBER);
  });

  it('finds the holder’s licences by the ID number as subject, opened', async () => {
    const held = await t.app.get(LicenceRegistry).heldByApplicant(ID_NUMBER);
    expect(held.map((licence) => licence.number)).toEqual([number]);
    expect(held[0].holder).toEqual({ name: '张三', idNumber: ID_NUMBER });
    expect(await t.app.get(LicenceRegistry).heldByApplicant('11010519491231003X')).toEqual([]);
  });

  it('calls a row whose ciphertext was swapped forged, never valid', async () => {
    const keyring = t.app.get(PiiKeyring);
    const repository = t.dataSource.getRepository(LicenceEntity);
    const stored = (await repository.findOneBy({ number }))!;
    const other = keyring.encrypt('11010519491231003X');
    await repository.update(
      { number },
      { content: { ...stored.content, holder: { name: '张三', idNumber: other } } },
    );
    const verified = await http().get(`/licences/${number}/verify`).expect(200);
    expect(verified.body.status).toBe('forged');
    await repository.update({ number }, { content: stored.content });
    expect((await http().get(`/licences/${number}/verify`).expect(200)).body.status).toBe('valid');
  });

  it('re-encrypts licence rows on key rotation, and legacy plaintext rows too', async () => {
    const file = JSON.parse(readFileSync(join(t.config.varDir, 'pii-keys.json'), 'utf8')) as {
      keys: string;
      hashKey: string;
    };
    const rotated = keyringOf(`k2:${PiiKeyring.generateKey()},${file.keys}`, file.hashKey);
    // A row written before encryption existed: plaintext everywhere.
    const repository = t.dataSource.getRepository(LicenceEntity);
    const current = t.app.get(LicenceRegistry);
    const opened = (await current.findByNumber(number))!;
    const legacyNumber = `${number.slice(0, -6)}999999`;
    await repository.insert({
      ...opened,
      id: '00000000-0000-4000-8000-0000000000aa',
      number: legacyNumber,
      caseId: '00000000-0000-4000-8000-0000000000ab',
      holderId: ID_NUMBER,
    });

    const result = await reencryptStoredPii(t.dataSource, rotated);
    expect(result.licences).toBe(2);
    for (const row of await repository.find()) {
      expect(row.holder.idNumber).toMatch(/^enc:v1:k2:/);
      expect(row.content.holder.idNumber).toMatch(/^enc:v1:k2:/);
      expect(rotated.decrypt(row.content.holder.idNumber!)).toBe(ID_NUMBER);
      expect(row.holderId).toBe(rotated.hash(ID_NUMBER));
    }
    // The seal still holds over the content opened with the new key.
    const row = openLicenceRow(rotated, (await repository.findOneBy({ number }))!);
    const key = (await t.app.get(DepartmentKeyStore).find(row.issuer))!;
    expect(verifyLicenceSeal(row.content, row.seal, key.publicKey)).toBe(true);
    expect((await reencryptStoredPii(t.dataSource, rotated)).licences).toBe(0);
  });
});
