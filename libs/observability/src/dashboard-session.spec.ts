import { cookieValue, issueDashboardSession, verifyDashboardSession } from './dashboard-session.js';

const SECRET = 's'.repeat(40);

describe('queue dashboard session cookie', () => {
  it('round-trips the subject until it expires', () => {
    const now = Date.now();
    const value = issueDashboardSession(SECRET, 'admin-1', now);
    expect(verifyDashboardSession(SECRET, value, now + 1000)).toBe('admin-1');
    expect(verifyDashboardSession(SECRET, value, now + 16 * 60 * 1000)).toBeUndefined();
  });

  it('refuses a tampered payload, a foreign key and garbage', () => {
    const value = issueDashboardSession(SECRET, 'admin-1');
    const [, signature] = value.split('.');
    const forged = `${Buffer.from(JSON.stringify({ sub: 'x', exp: 9e9 })).toString('base64url')}.${signature}`;
    expect(verifyDashboardSession(SECRET, forged)).toBeUndefined();
    expect(verifyDashboardSession('t'.repeat(40), value)).toBeUndefined();
    expect(verifyDashboardSession(SECRET, 'a.b.c')).toBeUndefined();
    expect(verifyDashboardSession(SECRET, '')).toBeUndefined();
  });

  it('reads one cookie among several', () => {
    expect(cookieValue('a=1; onevisit_queues=x.y; b=2', 'onevisit_queues')).toBe('x.y');
    expect(cookieValue(undefined, 'onevisit_queues')).toBeUndefined();
  });
});
