import { type ArgumentsHost, Catch, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { SOCKET_ERROR_CODES } from '@onevisit/observability';
import { QueuesUnavailable } from './queues-unavailable.error.js';

/** Seconds a client should wait before sending the command again (database or Redis away). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * PostgreSQL SQLSTATEs that mean "the server is not there right now": class 08
 * (connection exception), shutdowns and start-up (57P01–57P03), too many connections.
 */
const POSTGRES_UNAVAILABLE = /^(08\d{3}|57P0[1-3]|53300)$/;

/** SQLite: another process holds the file, or the file cannot be opened or written now. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY)/;

/** Messages of pg, TypeORM and better-sqlite3 that carry no code. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /connection is not established/i,
  /database connection is not open/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  // DatabaseConnectionLost (persistence): the connection broke in the middle of a transaction.
  /database connection was lost/i,
];

/**
 * True when `error` (or anything it wraps: TypeORM's `driverError`, `cause`, the
 * `errors` of an AggregateError from a dual-stack connect) says the database could not
 * be reached, as opposed to a query that the database refused.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const candidate = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  const code = typeof candidate.code === 'string' ? candidate.code : '';
  if (
    SOCKET_ERROR_CODES.has(code) ||
    POSTGRES_UNAVAILABLE.test(code) ||
    SQLITE_UNAVAILABLE.test(code)
  ) {
    return true;
  }
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  const wrapped = [
    candidate.driverError,
    candidate.cause,
    ...(Array.isArray(candidate.errors) ? (candidate.errors as unknown[]) : []),
  ];
  return wrapped.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** What a 503 says, for an error that means a service is away; null for any other error. */
function unavailableMessageOf(exception: unknown): string | null {
  if (exception instanceof QueuesUnavailable) return exception.message;
  if (isDatabaseUnavailable(exception))
    return 'The database is unavailable; nothing was changed. Send the request again later.';
  return null;
}

/**
 * A command that meets a database which is down, or that must queue a job while Redis
 * is, gets 503 with Retry-After, not 500: nothing was committed, so sending it again
 * later is safe. Every other error goes to Nest's usual handling unchanged.
 */
@Catch()
export class ServiceUnavailableFilter extends BaseExceptionFilter {
  private readonly logger = new Logger(ServiceUnavailableFilter.name);

  override catch(exception: unknown, host: ArgumentsHost): void {
    const message = unavailableMessageOf(exception);
    if (host.getType() !== 'http' || message === null) {
      super.catch(exception, host);
      return;
    }
    const response: unknown = host.switchToHttp().getResponse();
    this.logger.warn(`unavailable: ${messageOf(exception)}`);
    const adapter = this.httpAdapterHost?.httpAdapter ?? this.applicationRef;
    if (!adapter || adapter.isHeadersSent(response)) return;
    adapter.setHeader(response, 'Retry-After', String(RETRY_AFTER_SECONDS));
    adapter.reply(
      response,
      {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message,
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}

function messageOf(exception: unknown): string {
  return exception instanceof Error ? exception.message : String(exception);
}
