import { SignJWT } from 'jose';
import { identityFromClaims } from './identity.js';
import { InvalidTokenError, signToken, verifyToken } from './token.service.js';

const settings = { secret: 's'.repeat(40), issuer: 'onevisit', ttl: '1h' };

describe('tokens', () => {
  it('round-trips an identity', async () => {
    const identity = {
      sub: 'li',
      name: 'Li Ming',
      roles: ['officer' as const],
      department: 'market-regulation',
    };
    const token = await signToken(settings, identity);
    await expect(verifyToken(settings, token)).resolves.toEqual(identity);
  });

  it('rejects another secret, another issuer, and an expired token', async () => {
    const token = await signToken(settings, { sub: 'a', name: 'a', roles: ['admin'] });
    await expect(
      verifyToken({ ...settings, secret: 'x'.repeat(40) }, token),
    ).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verifyToken({ ...settings, issuer: 'other' }, token)).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
    const expired = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .setIssuer('onevisit')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(settings.secret));
    await expect(verifyToken(settings, expired)).rejects.toThrow(/exp/);
  });

  it('refuses unknown roles and officers without a department', async () => {
    await expect(signToken(settings, { sub: 'a', name: 'a', roles: ['officer'] })).rejects.toThrow(
      /department/,
    );
    expect(identityFromClaims({ sub: 'a', roles: ['root'] })).toEqual([
      'roles must be a non-empty list of applicant, clerk, officer, admin, supervisor',
    ]);
    const forged = await new SignJWT({ roles: ['root'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .setIssuer('onevisit')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(settings.secret));
    await expect(verifyToken(settings, forged)).rejects.toThrow(/roles/);
  });
});
