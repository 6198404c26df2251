import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { AppConfig } from '@onevisit/config';
import { loadOidcSettings, OidcConfigError, type OidcSettings } from './oidc-settings.js';
import { InvalidTokenError, signToken, TokenService } from './token.service.js';

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;

const ISSUER = 'https://sso.gov.example/realms/staff';
const AUDIENCE = 'onevisit';
const jwt = { secret: 'l'.repeat(40), issuer: 'onevisit', ttl: '1h' };

describe('OpenID Connect tokens', () => {
  let server: Server;
  let settings: OidcSettings;
  let rsa: Keys;
  let ec: Keys;
  let ed: Keys;
  let stranger: Keys;
  let tokens: TokenService;
  let jwksRequests = 0;

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256');
    ec = await generateKeyPair('ES256');
    ed = await generateKeyPair('EdDSA');
    stranger = await generateKeyPair('RS256');
    const jwks: JWK[] = [];
    for (const [kid, pair, alg] of [
      ['rsa', rsa, 'RS256'],
      ['ec', ec, 'ES256'],
      ['ed', ed, 'EdDSA'],
    ] as const) {
      jwks.push({ ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' });
    }
    // A tiny JWKS endpoint, as the provider would publish.
    server = createServer((_req, res) => {
      jwksRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: jwks }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    settings = loadOidcSettings({
      OIDC_ISSUER: ISSUER,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_JWKS_URL: `http://127.0.0.1:${port}/certs`,
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_DEPARTMENT_CLAIM: 'dept',
      OIDC_ROLE_MAP: 'gov-approver=officer,gov-window=clerk',
    })!;
    tokens = new TokenService({ jwt } as AppConfig, settings);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const providerToken = (
    pair: Keys,
    alg: string,
    kid: string,
    overrides: { iss?: string; aud?: string; exp?: number; claims?: Record<string, unknown> } = {},
  ) =>
    new SignJWT({
      realm_access: { roles: ['gov-approver', 'offline_access'] },
      dept: 'market-regulation',
      name: '王五',
      ...overrides.claims,
    })
      .setProtectedHeader({ alg, kid })
      .setSubject('wang-wu')
      .setIssuer(overrides.iss ?? ISSUER)
      .setAudience(overrides.aud ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(overrides.exp ?? Math.floor(Date.now() / 1000) + 300)
      .sign(pair.privateKey);

  it('accepts RS256, ES256 and EdDSA tokens and maps roles and department', async () => {
    for (const [pair, alg, kid] of [
      [rsa, 'RS256', 'rsa'],
      [ec, 'ES256', 'ec'],
      [ed, 'EdDSA', 'ed'],
    ] as const) {
      await expect(tokens.verify(await providerToken(pair, alg, kid))).resolves.toEqual({
        sub: 'wang-wu',
        name: '王五',
        roles: ['officer'],
        department: 'market-regulation',
      });
    }
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('refuses a wrong issuer, a wrong audience, a foreign key and an expired token', async () => {
    const refused = [
      await providerToken(rsa, 'RS256', 'rsa', { iss: 'https://evil.example' }),
      await providerToken(rsa, 'RS256', 'rsa', { aud: 'another-app' }),
      await providerToken(stranger, 'RS256', 'rsa'),
      await providerToken(rsa, 'RS256', 'rsa', { exp: Math.floor(Date.now() / 1000) - 120 }),
    ];
    for (const token of refused) {
      await expect(tokens.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
    }
  });

  it('allows expiry within the clock skew only', async () => {
    const justExpired = await providerToken(rsa, 'RS256', 'rsa', {
      exp: Math.floor(Date.now() / 1000) - 10,
    });
    await expect(tokens.verify(justExpired)).resolves.toMatchObject({ sub: 'wang-wu' });
    const strict = new TokenService({ jwt } as AppConfig, { ...settings, clockSkewSeconds: 0 });
    await expect(strict.verify(justExpired)).rejects.toThrow(/exp/);
  });

  it('refuses algorithms outside the allow-list, including HS256 signed with the provider name', async () => {
    const onlyRsa = new TokenService({ jwt } as AppConfig, { ...settings, algorithms: ['RS256'] });
    await expect(onlyRsa.verify(await providerToken(ec, 'ES256', 'ec'))).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
    const forged = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('guessed-secret-guessed-secret-guessed'));
    await expect(tokens.verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(tokens.verify('not.a.token')).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses provider tokens whose roles map to nothing, and officers without department', async () => {
    const noRole = await providerToken(rsa, 'RS256', 'rsa', {
      claims: { realm_access: { roles: ['offline_access'] } },
    });
    await expect(tokens.verify(noRole)).rejects.toThrow(/roles/);
    const noDept = await providerToken(rsa, 'RS256', 'rsa', { claims: { dept: undefined } });
    await expect(tokens.verify(noDept)).rejects.toThrow(/department/);
  });

  it('keeps local HS256 tokens working beside the provider', async () => {
    const local = await signToken(jwt, { sub: 'a', name: 'A', roles: ['clerk'], window: 'w1' });
    await expect(tokens.verify(local)).resolves.toMatchObject({ sub: 'a', window: 'w1' });
  });

  it('names every bad OIDC variable', () => {
    let error: unknown;
    try {
      loadOidcSettings({
        OIDC_ISSUER: ISSUER,
        OIDC_JWKS_URL: 'ftp://x',
        OIDC_ALGORITHMS: 'HS256',
        OIDC_CLOCK_SKEW_SECONDS: '-1',
        OIDC_ROLE_MAP: 'x=root',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OidcConfigError);
    expect((error as OidcConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'OIDC_ALGORITHMS',
      'OIDC_AUDIENCE',
      'OIDC_CLOCK_SKEW_SECONDS',
      'OIDC_JWKS_URL',
      'OIDC_ROLE_MAP',
    ]);
    expect(loadOidcSettings({})).toBeNull();
  });
});
