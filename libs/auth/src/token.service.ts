import { Inject, Injectable, Optional } from '@nestjs/common';
import { decodeJwt, decodeProtectedHeader, SignJWT, jwtVerify } from 'jose';
import { AppConfig } from '@onevisit/config';
import { identityFromClaims, type Identity } from './identity.js';
import { loadOidcSettings, type OidcSettings } from './oidc-settings.js';
import { OidcTokenError, OidcVerifier } from './oidc-verifier.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

const ALGORITHM = 'HS256';

export interface TokenSettings {
  secret: string;
  issuer: string;
  /** Default lifetime, e.g. `8h`. */
  ttl: string;
}

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

/** Signs a token for an identity. Used by the mint CLI and by tests. */
export async function signToken(
  settings: TokenSettings,
  identity: Identity,
  ttl = settings.ttl,
): Promise<string> {
  const problems = identityFromClaims({ ...identity });
  if (Array.isArray(problems)) throw new InvalidTokenError(problems.join('; '));
  const claims: Record<string, unknown> = { name: identity.name, roles: identity.roles };
  if (identity.department) claims.department = identity.department;
  if (identity.window) claims.window = identity.window;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(identity.sub)
    .setIssuer(settings.issuer)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(settings.secret));
}

/** The secret's bytes, encoded once per settings object rather than on every request. */
const secretKeys = new WeakMap<TokenSettings, Uint8Array>();

function secretKeyOf(settings: TokenSettings): Uint8Array {
  let key = secretKeys.get(settings);
  if (!key) {
    key = new TextEncoder().encode(settings.secret);
    secretKeys.set(settings, key);
  }
  return key;
}

/** Verifies signature, algorithm, issuer and expiry, then the claims. */
export async function verifyToken(settings: TokenSettings, token: string): Promise<Identity> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, secretKeyOf(settings), {
      algorithms: [ALGORITHM],
      issuer: settings.issuer,
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
  }
  const identity = identityFromClaims(payload);
  if (Array.isArray(identity)) throw new InvalidTokenError(identity.join('; '));
  return identity;
}

/** Provider token for the OpenID Connect settings (null: local tokens only). */
export const OIDC_SETTINGS = 'onevisit:oidc-settings';

/**
 * Local HS256 tokens (the embedded default, the mint CLI) and, when configured, tokens
 * of an external OpenID Connect provider. The header's algorithm picks the verifier:
 * HS256 only ever goes to the local secret, and the provider's allow-list has no HS*,
 * so a token cannot be signed with one key type and checked as the other.
 */
@Injectable()
export class TokenService {
  private readonly settings: TokenSettings;
  private readonly oidc: OidcVerifier | null;
  private readonly verified = new VerifiedTokenCache();

  constructor(
    config: AppConfig,
    // Tests bind settings here; otherwise they come from the OIDC_* variables.
    @Optional() @Inject(OIDC_SETTINGS) oidc: OidcSettings | null = loadOidcSettings(process.env),
  ) {
    this.settings = config.jwt;
    this.oidc = oidc ? new OidcVerifier(oidc) : null;
  }

  sign(identity: Identity, ttl?: string): Promise<string> {
    return signToken(this.settings, identity, ttl);
  }

  /** The identity of a valid token; `InvalidTokenError` otherwise. */
  async verify(token: string): Promise<Identity> {
    const known = this.verified.get(token);
    if (known) return known;
    const identity = await this.verifySignedToken(token);
    this.verified.set(token, identity, decodeJwt(token).exp);
    return identity;
  }

  private async verifySignedToken(token: string): Promise<Identity> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new InvalidTokenError('malformed token');
    }
    if (alg === ALGORITHM || !this.oidc) return verifyToken(this.settings, token);
    try {
      return await this.oidc.verify(token);
    } catch (error) {
      if (error instanceof OidcTokenError) throw new InvalidTokenError(error.message);
      throw error;
    }
  }
}
