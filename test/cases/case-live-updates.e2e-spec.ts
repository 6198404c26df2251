import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { type CaseApp, RESTAURANT_ANSWERS, startCaseApp } from './case-fixtures.js';

const ANSWERS = {
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

/** Reads SSE frames until one has `id: <version>`. */
async function readUntilVersion(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  version: number,
  seen: string[],
): Promise<void> {
  const decoder = new TextDecoder();
  while (!seen.join('').includes(`id: ${version}\n`)) {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended');
    seen.push(decoder.decode(value));
  }
}

describe('live case updates (Server-Sent Events)', () => {
  let c: CaseApp;
  let base: string;

  beforeAll(async () => {
    c = await startCaseApp('case-live');
    await c.t.app.listen(0, '127.0.0.1');
    const address = (c.t.app.getHttpServer() as Server).address() as AddressInfo;
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => c.close());

  it('sends the case view now and again when its version changes', async () => {
    const started = await c.start(ANSWERS);
    const abort = new AbortController();
    const response = await fetch(`${base}/cases/${started.id}/events`, {
      headers: { authorization: `Bearer ${c.tokens.applicant}` },
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const seen: string[] = [];
    try {
      await readUntilVersion(reader, 1, seen);
      await c.post('clerk', `/cases/${started.id}/intake`, { decision: 'accept' }).expect(200);
      await readUntilVersion(reader, 2, seen);
    } finally {
      abort.abort();
    }
    const text = seen.join('');
    expect(text).toContain('event: case');
    expect(text).toContain('"status":"processing"');

    const stranger = await fetch(`${base}/cases/${started.id}/events`, {
      headers: { authorization: `Bearer ${c.tokens.other}` },
    });
    expect(stranger.status).toBe(403);
  });
});
