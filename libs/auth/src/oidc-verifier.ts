import { createRemoteJWKSet, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { identityFromClaims, type Identity, isRole, type Role } from './identity.js';
import type { OidcSettings } from './oidc-settings.js';

/** Raised for any token the provider's rules refuse; the guard turns it into a 401. */
export class OidcTokenError extends Error {
  override name = 'OidcTokenError';
}

/**
 * Verifies ID/access tokens of an external OpenID Connect provider against its JWKS
 * (keys fetched and cached by jose), with issuer, audience and algorithms pinned, then
 * maps its claims to a OneVisit identity.
 */
export class OidcVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly settings: OidcSettings,
    keys?: JWTVerifyGetKey,
  ) {
    this.keys = keys ?? createRemoteJWKSet(new URL(settings.jwksUrl));
  }

  get issuer(): string {
    return this.settings.issuer;
  }

  async verify(token: string): Promise<Identity> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: this.settings.algorithms,
        clockTolerance: this.settings.clockSkewSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw new OidcTokenError(error instanceof Error ? error.message : 'invalid token');
    }
    const identity = identityFromClaims(this.claimsOf(payload));
    if (Array.isArray(identity)) throw new OidcTokenError(identity.join('; '));
    return identity;
  }

  /** The provider's claims in the shape `identityFromClaims` checks. */
  private claimsOf(payload: JWTPayload): Record<string, unknown> {
    const { claims, roleMap } = this.settings;
    const rawRoles = claimAt(payload, claims.roles);
    const list = Array.isArray(rawRoles)
      ? rawRoles
      : typeof rawRoles === 'string'
        ? rawRoles.split(/[\s,]+/)
        : [];
    const roles = new Set<Role>();
    for (const role of list) {
      if (typeof role !== 'string') continue;
      const mapped = roleMap[role] ?? (isRole(role) ? role : undefined);
      if (mapped) roles.add(mapped);
    }
    const result: Record<string, unknown> = { sub: payload.sub, roles: [...roles] };
    const name = claimAt(payload, claims.name);
    if (typeof name === 'string') result.name = name;
    const department = claimAt(payload, claims.department);
    if (department !== undefined) result.department = department;
    const window = claimAt(payload, claims.window);
    if (window !== undefined) result.window = window;
    return result;
  }
}

function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
