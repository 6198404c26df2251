import { Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { AppConfig } from '@onevisit/config';
import { identityFromClaims, type Identity } from './identity.js';

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

/** Verifies signature, algorithm, issuer and expiry, then the claims. */
export async function verifyToken(settings: TokenSettings, token: string): Promise<Identity> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(settings.secret), {
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

@Injectable()
export class TokenService {
  private readonly settings: TokenSettings;

  constructor(config: AppConfig) {
    this.settings = config.jwt;
  }

  sign(identity: Identity, ttl?: string): Promise<string> {
    return signToken(this.settings, identity, ttl);
  }

  verify(token: string): Promise<Identity> {
    return verifyToken(this.settings, token);
  }
}
