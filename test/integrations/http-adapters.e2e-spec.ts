import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import {
  type AppConfig,
  ConfigModule,
  type HttpAdapterSettings,
  loadConfig,
} from '@onevisit/config';
import {
  DemoSmsGateway,
  EndpointRefused,
  EndpointUnavailable,
  HttpDepartmentNotifier,
  HttpSharedDataGateway,
  HttpSmsGateway,
  HttpSupervisionPlatform,
  IntegrationsModule,
  RecordedMessages,
  SHARED_DATA_GATEWAY,
  SMS_GATEWAY,
  type SupervisionCaseEvent,
} from '@onevisit/integrations';
import { freePort } from '../fault/private-services.js';
import { StubEndpoint } from '../support/stub-endpoint.js';

const settingsFor = (
  url: string,
  extra: Partial<HttpAdapterSettings> = {},
): HttpAdapterSettings => ({
  kind: 'http',
  url,
  timeoutMs: 2000,
  retries: 2,
  ...extra,
});

const EVENT: SupervisionCaseEvent = {
  caseId: 'c1',
  caseVersion: 2,
  bundleCode: 'newborn',
  bundleVersion: 1,
  topic: 'case.accepted',
  item: null,
  caseStatus: 'processing',
  itemStatus: null,
  occurredAt: '2026-05-04T08:00:00.000Z',
};

describe('HTTP adapters against a local stub endpoint', () => {
  let stub: StubEndpoint;
  beforeEach(async () => {
    stub = await StubEndpoint.start();
  });
  afterEach(() => stub.close());

  it('sends a text as the contract says: JSON body, message id as Idempotency-Key, bearer', async () => {
    const sms = new HttpSmsGateway(settingsFor(stub.url, { token: 'gateway-token' }));
    await sms.send('msg-1', { phone: '13800138000', text: '您的办件已受理', template: 'accepted' });
    sms.onModuleDestroy();
    expect(stub.requests).toHaveLength(1);
    const [sent] = stub.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/endpoint');
    expect(sent?.headers['idempotency-key']).toBe('msg-1');
    expect(sent?.headers.authorization).toBe('Bearer gateway-token');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.body).toEqual({
      messageId: 'msg-1',
      phone: '13800138000',
      text: '您的办件已受理',
      template: 'accepted',
    });
  });

  it('retries 5xx and 429 with the same message id, and takes 409 as already delivered', async () => {
    stub.answer(
      { status: 503 },
      { status: 429, headers: { 'retry-after': '0' } },
      { status: 409, body: { message: 'duplicate messageId' } },
    );
    const notifier = new HttpDepartmentNotifier(settingsFor(stub.url));
    await notifier.notify('notice-7', { department: 'health', subject: '待办提醒', caseId: 'c9' });
    notifier.onModuleDestroy();
    expect(stub.requests.map((request) => request.headers['idempotency-key'])).toEqual([
      'notice-7',
      'notice-7',
      'notice-7',
    ]);
    expect(stub.requests[0]?.body).toEqual({
      messageId: 'notice-7',
      department: 'health',
      subject: '待办提醒',
      caseId: 'c9',
    });
  });

  it('does not retry a refusal (4xx) and says what the endpoint said', async () => {
    stub.answer({ status: 400, body: { message: 'phone is not a mobile number' } });
    const sms = new HttpSmsGateway(settingsFor(stub.url));
    const sent = sms.send('msg-2', { phone: '1', text: 't', template: 'x' });
    await expect(sent).rejects.toThrow(EndpointRefused);
    await expect(sent).rejects.toThrow(
      'SMS gateway refused the message: 400 phone is not a mobile',
    );
    sms.onModuleDestroy();
    expect(stub.requests).toHaveLength(1);
  });

  it('gives up after its retries when the endpoint is too slow, each attempt timed', async () => {
    // Far slower than the timeout, so that the margin below holds on a loaded machine too.
    stub.answer({ status: 200, delayMs: 20_000 });
    const sms = new HttpSmsGateway(settingsFor(stub.url, { timeoutMs: 300, retries: 1 }));
    const began = Date.now();
    await expect(sms.send('msg-3', { phone: 'p', text: 't', template: 'x' })).rejects.toThrow(
      /SMS gateway did not answer after 2 attempt\(s\): timed out after 300 ms/,
    );
    sms.onModuleDestroy();
    expect(Date.now() - began).toBeLessThan(10_000);
    expect(stub.requests.map((request) => request.headers['idempotency-key'])).toEqual([
      'msg-3',
      'msg-3',
    ]);
  });

  it('reports an endpoint nobody listens on as unavailable', async () => {
    const sms = new HttpSmsGateway(
      settingsFor(`http://127.0.0.1:${await freePort()}/sms`, { retries: 1 }),
    );
    await expect(sms.send('msg-4', { phone: 'p', text: 't', template: 'x' })).rejects.toThrow(
      EndpointUnavailable,
    );
    sms.onModuleDestroy();
  });

  it('checks an identity and refuses an answer outside the contract', async () => {
    stub.answer(
      { status: 200, body: { result: 'mismatch', detail: '姓名与身份号码不符' } },
      { status: 200, body: { result: 'probably', detail: '' } },
    );
    const gateway = new HttpSharedDataGateway(settingsFor(stub.url));
    await expect(
      gateway.checkIdentity('q-1', { name: '张三', idNumber: '11010519491231002X' }),
    ).resolves.toEqual({ result: 'mismatch', detail: '姓名与身份号码不符' });
    await expect(
      gateway.checkIdentity('q-2', { name: '张三', idNumber: '11010519491231002X' }),
    ).rejects.toThrow('shared data gateway answered 200 without a result for query q-2');
    gateway.onModuleDestroy();
    expect(stub.requests[0]?.body).toEqual({
      queryId: 'q-1',
      name: '张三',
      idNumber: '11010519491231002X',
    });
    expect(stub.requests[0]?.headers['idempotency-key']).toBe('q-1');
  });

  it('uploads supervision messages, one or a batch, as one list', async () => {
    const platform = new HttpSupervisionPlatform(settingsFor(stub.url));
    await platform.pushCaseEvents('m-1', [EVENT]);
    await platform.pushCaseEventMessages([
      { messageId: 'm-2', events: [EVENT] },
      { messageId: 'm-3', events: [EVENT, { ...EVENT, topic: 'item.approved', item: 'x' }] },
    ]);
    await platform.pushBundlePublished('m-4', {
      code: 'newborn',
      version: 2,
      checksum: 'abc',
      name: { zh: '出生一件事', en: 'Newborn' },
    });
    platform.onModuleDestroy();
    expect(stub.requests.map((request) => request.headers['idempotency-key'])).toEqual([
      'm-1',
      'm-2+2',
      'm-4',
    ]);
    expect(stub.requests[1]?.body).toEqual({
      messages: [
        { messageId: 'm-2', kind: 'case-events', events: [EVENT] },
        {
          messageId: 'm-3',
          kind: 'case-events',
          events: [EVENT, { ...EVENT, topic: 'item.approved', item: 'x' }],
        },
      ],
    });
    expect(stub.requests[2]?.body).toEqual({
      messages: [
        {
          messageId: 'm-4',
          kind: 'bundle-published',
          bundle: {
            code: 'newborn',
            version: 2,
            checksum: 'abc',
            name: { zh: '出生一件事', en: 'Newborn' },
          },
        },
      ],
    });
  });
});

/** The certificates are made with the openssl command; without it this part says so and skips. */
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.warn('openssl is not installed: the TLS adapter tests are skipped');

(hasOpenssl ? describe : describe.skip)('HTTP adapters over TLS', () => {
  let dir: string;
  let stub: StubEndpoint;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'onevisit-tls-'));
    const openssl = (...args: string[]) =>
      execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(
      'req',
      '-x509',
      ...key,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '1',
      '-subj',
      '/CN=OneVisit test CA',
    );
    writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1\n');
    for (const [name, cn, ext] of [
      ['server', '127.0.0.1', ['-extfile', 'server.ext']],
      ['client', 'onevisit-worker', []],
    ] as const) {
      openssl('req', ...key, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
      openssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        '1',
        ...ext,
      );
    }
    stub = await StubEndpoint.start({
      key: readFileSync(file('server.key')),
      cert: readFileSync(file('server.pem')),
      ca: readFileSync(file('ca.pem')),
      requestCert: true,
      rejectUnauthorized: true,
    });
  });
  afterAll(async () => {
    await stub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('trusts the configured CA and presents the client certificate', async () => {
    const sms = new HttpSmsGateway(
      settingsFor(stub.url, {
        caFile: file('ca.pem'),
        certFile: file('client.pem'),
        keyFile: file('client.key'),
      }),
    );
    await sms.send('tls-1', { phone: 'p', text: 't', template: 'x' });
    sms.onModuleDestroy();
    expect(stub.requests.at(-1)?.clientCn).toBe('onevisit-worker');
  });

  it('refuses a server its CA does not vouch for, and a stub refuses a client without a certificate', async () => {
    const untrusting = new HttpSmsGateway(settingsFor(stub.url, { retries: 0 }));
    await expect(
      untrusting.send('tls-2', { phone: 'p', text: 't', template: 'x' }),
    ).rejects.toThrow(/self-signed certificate|unable to (get|verify)/);
    untrusting.onModuleDestroy();
    const anonymous = new HttpSmsGateway(
      settingsFor(stub.url, { retries: 0, caFile: file('ca.pem') }),
    );
    await expect(anonymous.send('tls-3', { phone: 'p', text: 't', template: 'x' })).rejects.toThrow(
      EndpointUnavailable,
    );
    anonymous.onModuleDestroy();
  });
});

describe('IntegrationsModule chooses each adapter by configuration', () => {
  async function adaptersFor(env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'onevisit-adapters-'));
    const config: AppConfig = loadConfig({ ...env, VAR_DIR: dir }, { cwd: dir });
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), IntegrationsModule],
    })
      .overrideProvider(RecordedMessages)
      .useValue({})
      .compile();
    const found = {
      sms: moduleRef.get(SMS_GATEWAY),
      sharedData: moduleRef.get(SHARED_DATA_GATEWAY),
    };
    await moduleRef.close();
    rmSync(dir, { recursive: true, force: true });
    return found;
  }

  it('demo by default, HTTP when told', async () => {
    const demo = await adaptersFor({});
    expect(demo.sms).toBeInstanceOf(DemoSmsGateway);
    const http = await adaptersFor({
      SMS_GATEWAY: 'http',
      SMS_GATEWAY_URL: 'https://sms.example.gov/send',
    });
    expect(http.sms).toBeInstanceOf(HttpSmsGateway);
    expect(http.sharedData).not.toBeInstanceOf(HttpSharedDataGateway);
  });
});
