import { randomBytes } from 'node:crypto';
import type { CaseContext, ResolvedBundle } from '@onevisit/definitions';
import type { SmsGateway } from '@onevisit/integrations';
import { encryptAnswers, PiiKeyring } from '@onevisit/pii';
import type { CasePort, CaseRecord } from '../cases/case-port.js';
import type { PublishedBundles } from '../cases/published-bundles.js';
import { caseRecordWith } from '../cases/testing/case-record.fixture.js';
import { NotificationJobs } from './notification-jobs.service.js';

const keyring = new PiiKeyring([{ id: 'k1', key: randomBytes(32) }], randomBytes(32));
const PHONE = '13800138000';
const FACTS = { bundleName: { zh: '开办餐饮店', en: 'Open a restaurant' }, caseRef: 'C-CASE-1' };

/** The case as stored has the phone; `get` counts how often a job looked. */
class CaseStandIn implements Pick<CasePort, 'get'> {
  reads = 0;

  get(): Promise<CaseRecord> {
    this.reads += 1;
    const context = { answers: { applicantPhone: PHONE }, items: {}, outcome: null };
    return Promise.resolve(caseRecordWith(context as unknown as Partial<CaseContext>, 3));
  }
}

class SmsRecorder implements SmsGateway {
  sent: { messageId: string; phone: string; text: string }[] = [];

  send(messageId: string, message: { phone: string; text: string }): Promise<void> {
    this.sent.push({ messageId, phone: message.phone, text: message.text });
    return Promise.resolve();
  }
}

const bundles = {
  resolved: () =>
    Promise.resolve({ bundle: { name: FACTS.bundleName }, items: [] } as unknown as ResolvedBundle),
} as unknown as PublishedBundles;

/** The "accepted" text of the case as the recorder should have it for `messageId`. */
const acceptedSentAs = (messageId: string) => ({
  messageId,
  phone: PHONE,
  text: '【一件事一次办】您的“开办餐饮店”申请（C-CASE-1）已受理，各部门正在并联办理。',
});

/** An "accepted" job of the case, with `message` when given. */
const accepted = (message?: { to: string | null; facts: typeof FACTS }) => ({
  caseId: 'case-1',
  caseVersion: 2,
  template: 'accepted',
  ...(message ? { message } : {}),
});

function jobsWith(cases: CaseStandIn, sms: SmsRecorder): NotificationJobs {
  return new NotificationJobs(cases as unknown as CasePort, sms, bundles, keyring);
}

describe('NotificationJobs', () => {
  it('sends the text its transition made, to the stored phone opened, without reading the case', async () => {
    const cases = new CaseStandIn();
    const sms = new SmsRecorder();
    const stored = encryptAnswers({ applicantPhone: PHONE }, ['applicantPhone'], keyring);
    await jobsWith(cases, sms).send('job-1', accepted({ to: stored.applicantPhone, facts: FACTS }));
    expect(cases.reads).toBe(0);
    expect(sms.sent).toEqual([acceptedSentAs('job-1')]);
  });

  it('sends nothing, and reads nothing, when the answers had no phone', async () => {
    const cases = new CaseStandIn();
    const sms = new SmsRecorder();
    await jobsWith(cases, sms).send('job-2', accepted({ to: null, facts: FACTS }));
    expect(cases.reads).toBe(0);
    expect(sms.sent).toEqual([]);
  });

  it('reads the case for a job made before texts were carried, and says the same', async () => {
    const cases = new CaseStandIn();
    const sms = new SmsRecorder();
    await jobsWith(cases, sms).send('job-3', accepted());
    expect(cases.reads).toBe(1);
    expect(sms.sent).toEqual([acceptedSentAs('job-3')]);
  });

  it('reads the case when a job carries a phone that is not ciphertext, and never sends to it', async () => {
    const cases = new CaseStandIn();
    const sms = new SmsRecorder();
    await jobsWith(cases, sms).send('job-4', accepted({ to: '10000000000', facts: FACTS }));
    expect(cases.reads).toBe(1);
    expect(sms.sent).toEqual([acceptedSentAs('job-4')]);
  });
});
