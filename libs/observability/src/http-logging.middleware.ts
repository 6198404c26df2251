import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { requestIdFrom, runWithContext } from './request-context.js';

type Next = (error?: unknown) => void;
export type HttpMiddleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: Next,
) => void;

export const REQUEST_ID_HEADER = 'X-Request-Id';

type IdentifiedRequest = IncomingMessage & { id?: string | number | object };

/** The request's id: the one already given to it, else the caller's header or a new UUID. */
function requestIdOf(request: IdentifiedRequest): string {
  if (typeof request.id === 'string') return request.id;
  const id = requestIdFrom(request.headers['x-request-id']);
  request.id = id;
  return id;
}

/**
 * Gives every request an id (the caller's `X-Request-Id` when acceptable), echoes it in
 * the answer and runs the rest of the request inside that context, so every outbox row
 * written by the request (and so every job it causes) carries it. The access log
 * (pino-http) uses the same id, whichever of the two middlewares runs first.
 */
export function requestIdMiddleware(): HttpMiddleware {
  return (request, response, next) => {
    const id = requestIdOf(request);
    response.setHeader(REQUEST_ID_HEADER, id);
    runWithContext({ requestId: id }, () => next());
  };
}

/** Probes and scrapes every few seconds would drown the useful lines. */
const QUIET_PATH = /^\/(health|metrics)(\/|$|\?)/;

interface LoggedRequest extends IdentifiedRequest {
  /** Middleware engines (Fastify's middie) keep the full URL here when they strip a mount path. */
  originalUrl?: string;
}

/**
 * nestjs-pino's settings: pino-http writes one access line per answered request ("request
 * completed" / "request errored", `req`, `res`, `responseTime`) at the level of its status,
 * skipping probes and scrapes, with the request id as `requestId`; inside the request,
 * every line logged through Nest's logger carries it too (nestjs-pino binds the request's
 * child logger). The lines are small on purpose: pino-http serialises `req` for every
 * request when it builds that child, so the serializer reads four fields and no headers
 * (no `Authorization` or `Cookie` can reach a line). Masking is the logger's own.
 */
export function httpLoggingParams(logger: PinoLogger): Params {
  return {
    // Every route, as the request-id middleware (nestjs-pino's default pattern does not
    // match under Fastify's middleware engine here).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      logger,
      genReqId: (request) => requestIdOf(request),
      customAttributeKeys: { reqId: 'requestId' },
      quietReqLogger: true,
      wrapSerializers: false,
      serializers: {
        req: (request: LoggedRequest) => ({
          id: request.id,
          method: request.method,
          url: request.originalUrl ?? request.url,
          userAgent: request.headers['user-agent'],
        }),
        res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
      },
      autoLogging: { ignore: (request) => QUIET_PATH.test(request.url ?? '') },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500
          ? 'error'
          : response.statusCode >= 400
            ? 'warn'
            : 'info',
    },
  };
}
