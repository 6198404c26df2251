import type { Identity } from '@onevisit/auth';
import type { Actor } from './actor.js';
import { refusalOf, type CaseParties } from './case-authorisation.js';

const parties: CaseParties = {
  applicantSub: 'zhang',
  departments: { 'biz-licence': 'market-regulation', 'fire-check': 'fire-rescue' },
};
const user = (identity: Partial<Identity> & Pick<Identity, 'roles'>): Actor => ({
  kind: 'user',
  identity: { sub: 'someone', name: 'Someone', ...identity },
});

describe('refusalOf', () => {
  it('lets the owner withdraw and rate, but not another applicant', () => {
    expect(
      refusalOf(user({ sub: 'zhang', roles: ['applicant'] }), { type: 'WITHDRAW' }, parties),
    ).toBeNull();
    expect(
      refusalOf(user({ sub: 'zhang', roles: ['applicant'] }), { type: 'RATE', level: 5 }, parties),
    ).toBeNull();
    expect(
      refusalOf(user({ sub: 'li', roles: ['applicant'] }), { type: 'WITHDRAW' }, parties),
    ).toMatch(/may not/);
    expect(
      refusalOf(user({ sub: 'zhang', roles: ['applicant'] }), { type: 'ACCEPT' }, parties),
    ).toMatch(/may not/);
  });

  it('gives intake and delivery to clerks, never rating', () => {
    const clerk = user({ roles: ['clerk'] });
    expect(refusalOf(clerk, { type: 'ACCEPT' }, parties)).toBeNull();
    expect(refusalOf(clerk, { type: 'DELIVER', method: 'window' }, parties)).toBeNull();
    expect(refusalOf(clerk, { type: 'RATE', level: 1 }, parties)).not.toBeNull();
    expect(refusalOf(clerk, { type: 'APPROVE', item: 'biz-licence' }, parties)).not.toBeNull();
  });

  it('lets officers act only on their own department items', () => {
    const market = user({ roles: ['officer'], department: 'market-regulation' });
    expect(refusalOf(market, { type: 'APPROVE', item: 'biz-licence' }, parties)).toBeNull();
    expect(refusalOf(market, { type: 'APPROVE', item: 'fire-check' }, parties)).toMatch(
      /fire-rescue/,
    );
    expect(refusalOf(market, { type: 'APPROVE', item: 'nope' }, parties)).toMatch(/no item/);
    expect(
      refusalOf(market, { type: 'LICENCE_ISSUED', item: 'biz-licence', licences: [] }, parties),
    ).not.toBeNull();
  });

  it('lets the system report job results but not make the applicant choices', () => {
    const system: Actor = { kind: 'system', source: 'job:licence.issue:1' };
    expect(
      refusalOf(system, { type: 'LICENCE_ISSUED', item: 'biz-licence', licences: [] }, parties),
    ).toBeNull();
    expect(refusalOf(system, { type: 'SUPPLEMENT_DEADLINE_PASSED' }, parties)).toBeNull();
    expect(refusalOf(system, { type: 'WITHDRAW' }, parties)).not.toBeNull();
    expect(refusalOf(system, { type: 'RATE', level: 3 }, parties)).not.toBeNull();
  });
});
