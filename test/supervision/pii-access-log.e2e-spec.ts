import { randomUUID } from 'node:crypto';
import { PiiAccessLogEntity } from '@onevisit/persistence';
import type { PiiAccessPage } from '@onevisit/pii';
import { CatalogueApp } from '../catalogue/catalogue-fixtures.js';

/** A read logged at `at` by `reader` of `department` (test rows: the log's own shape). */
const read = (at: string, reader: string, department: string | null, caseId: string) => ({
  id: randomUUID(),
  readerSub: reader,
  readerRoles: [department ? 'officer' : 'supervisor'],
  readerDepartment: department,
  caseId,
  fields: [{ key: 'applicantIdNumber', shown: department ? 'full' : 'masked' } as const],
  purpose: 'GET /cases/:id/answers',
  accessedAt: new Date(at),
});

describe("supervisors' personal-data access log: periods and pages", () => {
  let app: CatalogueApp;
  let caseId: string;
  const page = async (query: string) => {
    const response = await app.as('supervisor').get(`/supervision/pii-access${query}`).expect(200);
    return response.body as PiiAccessPage;
  };

  beforeAll(async () => {
    app = await CatalogueApp.start('pii_access_log');
    caseId = await app.acceptedCase();
    const other = randomUUID();
    // December 2026 in Beijing: the 1st starts at 2026-11-30T16:00Z.
    await app.t.dataSource.getRepository(PiiAccessLogEntity).insert([
      read('2026-11-30T15:59:59.999Z', 'mr-1', 'market-regulation', caseId), // 30 Nov, Beijing
      read('2026-11-30T16:00:00.000Z', 'mr-1', 'market-regulation', caseId), // 1 Dec
      read('2026-12-10T02:00:00.000Z', 'ca-1', 'civil-affairs', other),
      read('2026-12-10T02:00:00.000Z', 'mr-2', 'market-regulation', other), // same instant
      read('2026-12-31T15:59:59.999Z', 'sup-1', null, caseId), // 31 Dec, Beijing
      read('2026-12-31T16:00:00.000Z', 'mr-1', 'market-regulation', caseId), // 1 Jan 2027
    ]);
  });
  afterAll(() => app.close());

  it('keeps to the period in Beijing days, newest first, with the total', async () => {
    const december = await page('?from=2026-12-01&to=2026-12-31');
    expect(december.total).toBe(4);
    const readers = december.items.map((row) => row.readerSub);
    // Two reads of the same instant come in the order of their ids.
    expect([readers[0], readers.slice(1, 3).sort(), readers[3]]).toEqual([
      'sup-1',
      ['ca-1', 'mr-2'],
      'mr-1',
    ]);
    expect(december.nextCursor).toBeNull();
    const byDepartment = await page('?from=2026-12-01&to=2026-12-31&department=market-regulation');
    expect(byDepartment.items.map((row) => row.readerSub)).toEqual(['mr-2', 'mr-1']);
    const byCase = await page(`?caseId=${caseId}&from=2026-11-01&to=2027-01-31`);
    expect(byCase.total).toBe(4);
  });

  it('pages through without losing or repeating a row, even rows of the same instant', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const query: string = `?from=2026-11-01&to=2027-01-31&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const current = await page(query);
      expect(current.total).toBe(6);
      seen.push(...current.items.map((row) => row.id));
      cursor = current.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(6);
    const all = await page('?from=2026-11-01&to=2027-01-31');
    expect(seen).toEqual(all.items.map((row) => row.id));
  });

  it('logs a real read, and lists it for today', async () => {
    await app.as('officer').get(`/cases/${caseId}/answers`).expect(200);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const logged = await page(`?from=${today}&to=${today}&reader=mr-1`);
    expect(logged.items).toEqual([
      expect.objectContaining({ readerSub: 'mr-1', caseId, purpose: 'GET /cases/:id/answers' }),
    ]);
  });

  it('refuses impossible periods and cursors with the field named', async () => {
    for (const [query, field] of [
      ['?from=2026-13-45', 'from'],
      ['?to=2026-02-30', 'to'],
      ['?from=0001-01-01', 'from'],
      ['?to=9999-12-31', 'to'],
      ['?from=2026-12-31&to=2026-12-01', 'to'],
      ['?cursor=not-a-cursor', 'cursor'],
      ['?limit=0', 'limit'],
    ]) {
      const response = await app
        .as('supervisor')
        .get(`/supervision/pii-access${query}`)
        .expect(400);
      expect([query, response.body.errors]).toEqual([query, [expect.objectContaining({ field })]]);
    }
  });
});
