import { randomBytes } from 'node:crypto';
import type { CaseContext } from '@onevisit/definitions';
import { encryptAnswers, PiiKeyring } from '@onevisit/pii';
import type { PinnedDefinition } from './case-definitions.js';
import { notificationFactsOf, notificationMessageOf } from './notification-message.js';

const keyring = new PiiKeyring([{ id: 'k1', key: randomBytes(32) }], randomBytes(32));
const NAMES = {
  bundle: { zh: '开办餐饮店', en: 'Open a restaurant' },
  item: { zh: '食品经营许可', en: 'Food business licence' },
};
const CASE_ID = '0a1b2c3d-0000-4000-8000-000000000000';

const context = (over: Partial<CaseContext>): CaseContext =>
  ({ answers: {}, items: {}, outcome: null, outcomeReason: null, ...over }) as CaseContext;

/** A transition of the case whose answers are stored as `storedAnswers`. */
const record = (storedAnswers: Record<string, unknown>) => ({
  caseId: CASE_ID,
  after: context({}),
  storedAnswers,
  definition: {
    compiled: {
      notification: { bundle: { name: NAMES.bundle }, items: [{ item: 'food', name: NAMES.item }] },
    },
  } as unknown as PinnedDefinition,
});

describe('notificationMessageOf', () => {
  it('carries the phone as stored (encrypted) and the facts of the transition', () => {
    const stored = encryptAnswers({ applicantPhone: '13800138000' }, ['applicantPhone'], keyring);
    const message = notificationMessageOf(record(stored), 'food');
    expect(message?.to).toBe(stored.applicantPhone);
    expect(message?.to).not.toContain('13800138000');
    expect(message?.facts).toEqual({
      bundleName: NAMES.bundle,
      caseRef: 'C-0A1B2C3D',
      itemName: NAMES.item,
    });
  });

  it('says there is no phone when the answers have none', () => {
    expect(notificationMessageOf(record({}), undefined)?.to).toBeNull();
  });

  it('carries nothing when the stored phone is not encrypted: the job reads the case', () => {
    const message = notificationMessageOf(record({ applicantPhone: '13800138000' }), undefined);
    expect(message).toBeUndefined();
  });
});

describe('notificationFactsOf', () => {
  it("gives an item's end reason for a text about the item", () => {
    const ended = context({
      items: { food: { status: 'denied', reason: { code: 'denied', reason: '场所不符合要求' } } },
    } as unknown as Partial<CaseContext>);
    expect(notificationFactsOf(CASE_ID, ended, NAMES, 'food').reason).toBe('场所不符合要求');
  });

  it("gives the case's outcome reason only once the case has an outcome", () => {
    const open = context({ outcomeReason: '材料不全' });
    expect(
      notificationFactsOf(CASE_ID, open, { bundle: NAMES.bundle }, undefined).reason,
    ).toBeUndefined();
    const rejected = context({
      outcome: 'rejected',
      outcomeReason: '材料不全',
    });
    expect(notificationFactsOf(CASE_ID, rejected, { bundle: NAMES.bundle }, undefined)).toEqual({
      bundleName: NAMES.bundle,
      caseRef: 'C-0A1B2C3D',
      reason: '材料不全',
    });
  });
});
