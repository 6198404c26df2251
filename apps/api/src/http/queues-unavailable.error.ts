import { SOCKET_ERROR_CODES } from '@onevisit/observability';

/**
 * Redis does not answer, so a command that must put a job on a queue itself (not through
 * the outbox) cannot be done now. Nothing was changed: the API answers 503 with
 * Retry-After, as for a database that is down.
 */
export class QueuesUnavailable extends Error {
  constructor(what: string) {
    super(`Redis is unreachable: ${what}. Nothing was changed; send the request again later.`);
    this.name = 'QueuesUnavailable';
  }
}

/** ioredis's words for a command it could not send: no connection, and no offline queue. */
const NOT_SENT = [/Stream isn't writeable/, /Connection is closed/];

/** Whether `error`, from a queue command, means Redis could not be reached. */
export function isRedisUnreachable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && SOCKET_ERROR_CODES.has(code)) return true;
  return typeof message === 'string' && NOT_SENT.some((pattern) => pattern.test(message));
}
