import { createHmac, timingSafeEqual } from 'node:crypto';

export const DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_COOKIE = 'onevisit_queues';
export const DASHBOARD_SESSION_SECONDS = 15 * 60;

/*
 * A browser cannot send a bearer header when it follows links in the dashboard, so an
 * admin trades the bearer for a short-lived cookie. The cookie is an HMAC-signed
 * `{ sub, exp }` under a key derived for this use only: it opens the dashboard and
 * nothing else (it is not a JWT the API would accept).
 */

function key(secret: string): Buffer {
  return createHmac('sha256', secret).update('onevisit:queue-dashboard-session').digest();
}

function mac(secret: string, payload: string): string {
  return createHmac('sha256', key(secret)).update(payload).digest('base64url');
}

export function issueDashboardSession(secret: string, sub: string, now = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({ sub, exp: Math.floor(now / 1000) + DASHBOARD_SESSION_SECONDS }),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The admin's subject when the cookie is authentic and unexpired, undefined otherwise. */
export function verifyDashboardSession(
  secret: string,
  value: string,
  now = Date.now(),
): string | undefined {
  const [payload, signature, extra] = value.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      sub?: unknown;
      exp?: unknown;
    };
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
    return claims.exp * 1000 > now ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

/** The value of one cookie from a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
