/**
 * Node socket error codes that mean the server at the other end is unreachable or dropped
 * the connection: a database or Redis that is away, not a request that is wrong.
 */
export const SOCKET_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** ioredis's own words for a command it could not send or that lost its connection. */
const LOST_CONNECTION_MESSAGES = [
  /^Connection is closed\.$/,
  /^connect ETIMEDOUT$/,
  /^Stream isn't writeable/,
];

/**
 * The connection failure `error` reports — its code and address, or ioredis's words —
 * or null for any other error. Used to tell "Redis (or the database) is away, try again
 * later" from a command that failed on its own.
 */
export function connectionFailureOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, address, port, message } = error as {
    code?: unknown;
    address?: unknown;
    port?: unknown;
    message?: unknown;
  };
  if (typeof code === 'string' && SOCKET_ERROR_CODES.has(code)) {
    return typeof address === 'string' ? `${code} ${address}:${String(port)}` : code;
  }
  if (typeof message !== 'string') return null;
  return LOST_CONNECTION_MESSAGES.some((pattern) => pattern.test(message)) ? message : null;
}
