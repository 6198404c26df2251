import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger as PinoLogger } from 'pino';
import { pinoHttp } from 'pino-http';
import { requestIdFrom, runWithContext } from './request-context.js';

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

/** One JSON line per answered request (pino-http), at a level matching its status. */
export function accessLogMiddleware(logger: PinoLogger): HttpMiddleware {
  return pinoHttp({
    logger,
    // The id set by `requestIdMiddleware`.
    genReqId: (request) =>
      (request as IncomingMessage & { id?: string }).id ?? requestIdFrom(undefined),
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    // Probes and scrapes every few seconds would drown the useful lines.
    autoLogging: { ignore: (request) => /^\/(health|metrics)(\/|$|\?)/.test(request.url ?? '') },
    serializers: {
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
      req: (request: {
        id: string;
        method: string;
        url: string;
        headers: Record<string, unknown>;
      }) => ({
        id: request.id,
        method: request.method,
        url: request.url,
        userAgent: request.headers['user-agent'],
      }),
    },
  });
}
