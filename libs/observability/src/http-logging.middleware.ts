import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger as PinoLogger } from 'pino';
import { currentContext, requestIdFrom, runWithContext } from './request-context.js';

type Next = (error?: unknown) => void;
export type HttpMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: Next,
) => void;

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Gives every request an id (the caller's `X-Request-Id` when acceptable), echoes it in
 * the answer and runs the rest of the request inside that context, so every log line and
 * every outbox row written by the request carries it.
 */
export function requestIdMiddleware(): HttpMiddleware {
  return (request, response, next) => {
    const id = requestIdFrom(request.headers['x-request-id']);
    (request as IncomingMessage & { id?: string }).id = id;
    response.setHeader(REQUEST_ID_HEADER, id);
    runWithContext({ requestId: id }, () => next());
  };
}

/** Probes and scrapes every few seconds would drown the useful lines. */
const QUIET_PATH = /^\/(health|metrics)(\/|$|\?)/;

interface LoggedRequest extends IncomingMessage {
  id?: string;
  /**
   * Middleware engines (Fastify's middie) keep the full URL here when they strip a mount
   * path from `url`.
   */
  originalUrl?: string;
}

/**
 * One JSON line per answered request, at a level matching its status, in pino-http's
 * shape (`req`, `res`, `responseTime`, "request completed" / "request errored").
 *
 * Written by hand rather than with pino-http: pino-http builds a child logger (bindings
 * serialised and redacted) for every request before it knows whether the line will be
 * written at all; at `warn` (as the scale test runs the API) almost none are, and that
 * per-request work was a tenth of the API's CPU on the hot reads. Here nothing is built
 * unless the line's level is enabled. Masking is unchanged: the line goes through the
 * logger's `formatters.log` and `streamWrite` like any other.
 */
export function accessLogMiddleware(logger: PinoLogger): HttpMiddleware {
  return (request, response, next) => {
    if (QUIET_PATH.test(request.url ?? '')) return next();
    const startedAt = Date.now();
    const context = currentContext();
    // 'close' follows 'finish' on every answer and also comes alone when the client
    // goes away first: one listener sees each request exactly once.
    response.once('close', () => {
      const status = response.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      // A client that hangs up closes the socket outside the request's context: the line
      // still carries its request id.
      if (context && currentContext() !== context) {
        runWithContext(context, () => writeLine(status, level));
      } else writeLine(status, level);
    });
    next();

    function writeLine(status: number, level: 'error' | 'warn' | 'info'): void {
      const routed = request as LoggedRequest;
      const line: Record<string, unknown> = {
        req: {
          id: routed.id,
          method: request.method,
          url: routed.originalUrl ?? request.url,
          userAgent: request.headers['user-agent'],
        },
        res: { statusCode: status },
        responseTime: Date.now() - startedAt,
      };
      if (status >= 500) {
        line.err = new Error(`failed with status code ${status}`);
        logger[level](line, 'request errored');
      } else logger[level](line, 'request completed');
    }
  };
}
