import { isRole, type Role } from './identity.js';

/** Asymmetric algorithms accepted from an OpenID Connect provider; never HS* or `none`. */
export const OIDC_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
export type OidcAlgorithm = (typeof OIDC_ALGORITHMS)[number];

export interface OidcSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  algorithms: OidcAlgorithm[];
  clockSkewSeconds: number;
  /** Claim names; a dotted name reads a nested claim (`realm_access.roles`). */
  claims: { roles: string; department: string; window: string; name: string };
  /** Provider role → OneVisit role. Provider roles that are not listed and not OneVisit roles are ignored. */
  roleMap: Record<string, Role>;
}

export class OidcConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid OpenID Connect configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'OidcConfigError';
  }
}

/**
 * OpenID Connect sign-in is on when `OIDC_ISSUER` is set; then `OIDC_AUDIENCE` and
 * `OIDC_JWKS_URL` are required. Returns null when it is off (local tokens only).
 *
 * - `OIDC_ALGORITHMS`: comma list within RS256, ES256, EdDSA (default all three)
 * - `OIDC_CLOCK_SKEW_SECONDS`: tolerance on exp/nbf (default 30, at most 300)
 * - `OIDC_ROLES_CLAIM` (default `roles`), `OIDC_DEPARTMENT_CLAIM` (`department`),
 *   `OIDC_WINDOW_CLAIM` (`window`), `OIDC_NAME_CLAIM` (`name`)
 * - `OIDC_ROLE_MAP`: `providerRole=role,…`, e.g. `gov-approver=officer,gov-window=clerk`
 */
export function loadOidcSettings(env: Record<string, string | undefined>): OidcSettings | null {
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? raw : undefined;
  };
  const issuer = value('OIDC_ISSUER');
  if (!issuer) return null;
  const problems: string[] = [];
  const audience = value('OIDC_AUDIENCE');
  if (!audience) problems.push('OIDC_AUDIENCE: required when OIDC_ISSUER is set');
  const jwksUrl = value('OIDC_JWKS_URL');
  if (!jwksUrl) problems.push('OIDC_JWKS_URL: required when OIDC_ISSUER is set');
  else if (!/^https?:\/\/.+/.test(jwksUrl)) problems.push('OIDC_JWKS_URL: must be an http(s) URL');

  const algorithms = (value('OIDC_ALGORITHMS') ?? OIDC_ALGORITHMS.join(','))
    .split(',')
    .map((alg) => alg.trim())
    .filter(Boolean);
  const unknown = algorithms.filter((alg) => !(OIDC_ALGORITHMS as readonly string[]).includes(alg));
  if (unknown.length > 0 || algorithms.length === 0) {
    problems.push(`OIDC_ALGORITHMS: must be a list within ${OIDC_ALGORITHMS.join(', ')}`);
  }

  const skewText = value('OIDC_CLOCK_SKEW_SECONDS') ?? '30';
  const clockSkewSeconds = Number(skewText);
  if (!/^\d+$/.test(skewText) || clockSkewSeconds > 300) {
    problems.push('OIDC_CLOCK_SKEW_SECONDS: must be an integer between 0 and 300');
  }

  const roleMap: Record<string, Role> = {};
  for (const pair of (value('OIDC_ROLE_MAP') ?? '').split(',').filter((p) => p.trim())) {
    const [from, to] = pair.split('=').map((part) => part.trim());
    if (!from || !isRole(to)) {
      problems.push(
        `OIDC_ROLE_MAP: "${pair}" must look like providerRole=applicant|clerk|officer|admin|supervisor`,
      );
    } else roleMap[from] = to;
  }
  if (problems.length > 0) throw new OidcConfigError(problems);
  return {
    issuer,
    audience: audience!,
    jwksUrl: jwksUrl!,
    algorithms: algorithms as OidcAlgorithm[],
    clockSkewSeconds,
    claims: {
      roles: value('OIDC_ROLES_CLAIM') ?? 'roles',
      department: value('OIDC_DEPARTMENT_CLAIM') ?? 'department',
      window: value('OIDC_WINDOW_CLAIM') ?? 'window',
      name: value('OIDC_NAME_CLAIM') ?? 'name',
    },
    roleMap,
  };
}
