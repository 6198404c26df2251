export const ROLES = ['applicant', 'clerk', 'officer', 'admin', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as carried by a verified token. */
export interface Identity {
  /** Stable subject id. */
  sub: string;
  name: string;
  roles: Role[];
  /** The officer's department code (required for officers). */
  department?: string;
  /** The clerk's integrated window, when bound to one. */
  window?: string;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Checks claims (from a token or from the mint CLI) and returns the identity, or the
 * list of reasons they are not acceptable.
 */
export function identityFromClaims(claims: Record<string, unknown>): Identity | string[] {
  const problems: string[] = [];
  const { sub, name, roles, department, window } = claims;
  if (typeof sub !== 'string' || sub.length === 0) problems.push('sub must be a non-empty string');
  if (name !== undefined && typeof name !== 'string') problems.push('name must be a string');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    problems.push(`roles must be a non-empty list of ${ROLES.join(', ')}`);
  }
  if (department !== undefined && typeof department !== 'string')
    problems.push('department must be a string');
  if (window !== undefined && typeof window !== 'string') problems.push('window must be a string');
  if (
    Array.isArray(roles) &&
    roles.includes('officer') &&
    (typeof department !== 'string' || !department)
  ) {
    problems.push('department is required for the officer role');
  }
  if (problems.length > 0) return problems;
  const identity: Identity = {
    sub: sub as string,
    name: typeof name === 'string' && name ? name : (sub as string),
    roles: [...new Set(roles as Role[])],
  };
  if (typeof department === 'string') identity.department = department;
  if (typeof window === 'string') identity.window = window;
  return identity;
}
