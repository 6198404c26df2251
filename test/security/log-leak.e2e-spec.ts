import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { type Identity, signToken } from '@onevisit/auth';
import type { CaseView } from '@onevisit/engine';
import { APPLICANT, CLERK, eventually, FlowApp, officer, statusOf } from '../support/flow-app.js';
import { dropQueues } from '../support/drop-queues.js';
import { buildDist, databaseUrlOf } from '../support/worker-process.js';

/** The built embedded default: API and worker in one process, as an operator runs it. */
const EMBEDDED_MAIN = join(process.cwd(), 'dist', 'apps', 'api', 'src', 'embedded.js');
const REGISTRATION = 'company-establishment-registration';
const TIMEOUT_MS = 240000;

/** A resident ID number with its check digit (GB 11643), from the first 17 digits. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const APPLICANT_ID = idNumber('44030619850101123');
const REPRESENTATIVE_ID = idNumber('32010219720615004');
/** Well formed but with a wrong check digit: refused, and echoed nowhere. */
const BAD_ID = `${APPLICANT_ID.slice(0, 17)}${APPLICANT_ID.endsWith('0') ? '1' : '0'}`;
const APPLICANT_PHONE = '13712345678';
const OFFICER_PHONE = '15987654321';

/** Every full identifier the traffic carries, and the forms a leak could take. */
const SECRETS = [APPLICANT_ID, REPRESENTATIVE_ID, BAD_ID]
  .flatMap((id) => [
    id,
    id.toLowerCase(),
    // The first 17 digits alone: a leak that lost or changed the check digit.
    id.slice(0, 17),
  ])
  .concat([
    APPLICANT_PHONE,
    OFFICER_PHONE,
    `${APPLICANT_PHONE.slice(0, 3)} ${APPLICANT_PHONE.slice(3, 7)} ${APPLICANT_PHONE.slice(7)}`,
  ]);

const ANSWERS = {
  applicantName: '陈小明',
  applicantIdNumber: APPLICANT_ID,
  applicantPhone: APPLICANT_PHONE,
  companyName: '卫东数据有限公司',
  companyType: 'limited-liability',
  registeredCapital: 50,
  businessScope: '数据处理',
  businessAddress: '卫东区人民路 9 号',
  legalRepresentativeName: '周大海',
  legalRepresentativeIdNumber: REPRESENTATIVE_ID,
  sealSet: 'basic',
  invoiceKind: 'vat-ordinary',
  invoiceMonthlyQuantity: 10,
  financialOfficerName: '李会计',
  financialOfficerPhone: OFFICER_PHONE,
  employeeCount: 3,
  housingFundContributionRate: 12,
  preferredBank: '卫东农商银行',
  appointmentDate: '2030-01-15',
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('logs carry no full ID or phone number (the built embedded app under real traffic)', () => {
  let seed: FlowApp;
  let child: ChildProcess | undefined;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const queuePrefix = `test-log-leak-${process.pid}-${Date.now()}`;
  let output = '';
  let base = '';

  const tokenOf = (who: Identity) => signToken(seed.config.jwt, who);
  const call = async (
    who: Identity | null,
    method: 'get' | 'post',
    path: string,
    body?: object,
  ) => {
    const pending = request(base)[method](path);
    if (who) pending.auth(await tokenOf(who), { type: 'bearer' });
    return body === undefined ? pending : pending.send(body);
  };
  const view = async (caseId: string) =>
    (await call(APPLICANT, 'get', `/cases/${caseId}`)).body as CaseView;
  const openTask = (who: Identity, caseId: string, kind: string, item: string) =>
    eventually(async () => {
      const tasks = (await call(who, 'get', '/tasks?status=open')).body as {
        id: string;
        caseId: string;
        kind: string;
        item: string | null;
      }[];
      return tasks.find((t) => t.caseId === caseId && t.kind === kind && t.item === item);
    }, 30000);

  beforeAll(async () => {
    buildDist();
    if (!existsSync(EMBEDDED_MAIN)) throw new Error(`the build did not produce ${EMBEDDED_MAIN}`);
    // The catalogue is published in-process, then the app runs alone on that database.
    seed = await FlowApp.start('log-leak', { worker: false });
    await seed.publishSeeded();
    await seed.app.close();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [EMBEDDED_MAIN], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH ?? '',
        VAR_DIR: seed.db.dir,
        PORT: String(port),
        DATABASE_URL: databaseUrlOf(seed.db.database),
        REDIS_URL: redisUrl,
        QUEUE_PREFIX: queuePrefix,
        JWT_SECRET: seed.config.jwt.secret,
        // Everything the app can say is said.
        LOG_LEVEL: 'verbose',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => {
      if (child?.exitCode !== null) throw new Error(`the app exited:\n${output}`);
      return (await fetch(`${base}/health/live`).catch(() => null))?.ok ?? false;
    }, 60000);
  }, TIMEOUT_MS);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await dropQueues(redisUrl, queuePrefix);
    await seed?.db.drop();
  }, 30000);

  it(
    'runs a case from start to licences and notifications, with bad input, and no line has a full number',
    async () => {
      // Bad input first: each 400 names the field, and must not carry the value to the log.
      const wrongCheckDigit = await call(APPLICANT, 'post', '/cases', {
        bundleCode: 'start-a-company',
        answers: { ...ANSWERS, applicantIdNumber: BAD_ID },
      });
      expect(wrongCheckDigit.status).toBe(400);
      const unknownField = await call(APPLICANT, 'post', '/cases', {
        bundleCode: 'start-a-company',
        answers: ANSWERS,
        idNumber: APPLICANT_ID,
      });
      expect(unknownField.status).toBe(400);
      const wrongType = await call(APPLICANT, 'post', '/cases', {
        bundleCode: APPLICANT_ID,
        answers: { ...ANSWERS, employeeCount: APPLICANT_PHONE },
      });
      expect(wrongType.status).toBeGreaterThanOrEqual(400);
      expect(wrongType.status).toBeLessThan(500);
      // Identifiers in URLs: an unknown licence number, someone else's holder filter.
      expect((await call(null, 'get', `/licences/${APPLICANT_ID}/verify`)).status).toBe(404);
      expect((await call(APPLICANT, 'get', `/licences?holder=${APPLICANT_ID}`)).status).toBe(403);

      const started = await call(APPLICANT, 'post', '/cases', {
        bundleCode: 'start-a-company',
        answers: ANSWERS,
      });
      expect(started.status).toBe(201);
      const caseId = (started.body as { id: string }).id;
      // A staff read of the personal data (full for the window).
      expect((await call(CLERK, 'get', `/cases/${caseId}/answers`)).status).toBe(200);
      expect(
        (await call(CLERK, 'post', `/cases/${caseId}/intake`, { decision: 'accept' })).status,
      ).toBe(200);
      const market = officer('market-regulation');
      for (const [kind, outcome] of [
        ['review', 'done'],
        ['decision', 'approve'],
      ] as const) {
        const task = await openTask(market, caseId, kind, REGISTRATION);
        const done = await call(market, 'post', `/tasks/${task.id}/complete`, { outcome });
        expect(done.status).toBe(200);
      }
      // The worker issues the business licence and notifies the applicant.
      const issued = await eventually(async () => {
        const current = await view(caseId);
        return statusOf(current, REGISTRATION) === 'approved' ? current : null;
      }, 60000);
      const number = issued.licences.find((l) => l.item === REGISTRATION)!.number!;
      const verified = await call(null, 'get', `/licences/${number}/verify`);
      expect(verified.body).toMatchObject({ status: 'valid' });
      expect((await call(APPLICANT, 'get', '/licences')).status).toBe(200);
      // Let the notification jobs that follow the licence run and log.
      await new Promise((resolve) => setTimeout(resolve, 2000));

      const logged = output;
      // The capture is real: job and request lines of this very case are in it.
      expect(logged).toContain(caseId);
      expect(logged).toContain(number);
      // Lines that would carry numbers if unmasked: bad requests, the SMS notification.
      expect(logged).toMatch(/"level":"warn".*"url":"\/licences\/440/);
      expect(logged).toMatch(/sent to 137\*{4}5678/);
      const leaks = SECRETS.flatMap((secret) =>
        logged
          .split('\n')
          .filter((line) => line.includes(secret))
          .map((line) => `${secret}: ${line.slice(0, 300)}`),
      );
      expect(leaks).toEqual([]);
    },
    TIMEOUT_MS,
  );
});
