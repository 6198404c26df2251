import type { IncomingMessage, Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import fastifyEtag from '@fastify/etag';
import type { AppConfig } from '@onevisit/config';
import { requestIdFrom } from '@onevisit/observability';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Largest JSON, form-encoded or text request body. A bundle definition is the largest
 * thing sent as JSON (tens of kilobytes); uploads are multipart and limited by their
 * routes (UPLOAD_LIMITS, the calendar import). Larger bodies get 413 before any handler.
 */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The HTTP server under Nest: Fastify. Its router is a radix tree where Express walks
 * every route in order, and its request and reply objects are lighter; on the hot reads
 * at 200 connections the API answered 1.2–1.5× as many requests per second as on
 * Express with the same controllers, and twice as many on a route that does nothing
 * (test/performance-history.md, seventh pass).
 */
export function createHttpAdapter(trustProxy: AppConfig['trustProxy'] = false): FastifyAdapter {
  return new FastifyAdapter({
    // Behind the reverse proxy, `request.ip` (rate limits, logs) is the client's address
    // only when the proxy is trusted; a client reaching the API directly could otherwise
    // name any address in `X-Forwarded-For` (TRUST_PROXY, README).
    trustProxy,
    // Fastify's request id is the one every log line, answer and job carries: the caller's
    // X-Request-Id when acceptable, else a new UUID (Fastify would count req-1, req-2 …).
    genReqId: (raw: IncomingMessage) => requestIdFrom(raw.headers['x-request-id']),
    bodyLimit: BODY_LIMIT_BYTES,
    // `/cases/` answers like `/cases`, as it did on Express.
    routerOptions: { ignoreTrailingSlash: true },
    // Open live-update streams (SSE) and idle keep-alive sockets must not hold a
    // shutdown forever.
    forceCloseConnections: true,
    // A client has this long to send a whole request (Node's own default, which Express
    // kept; Fastify turns it off): a slowly trickled body cannot hold a socket for ever.
    // Answers, live-update streams included, are not limited by it.
    requestTimeout: 300_000,
  });
}

/**
 * The bodies the API reads besides multipart: JSON (an empty JSON body is an empty
 * object, as clients that always send `Content-Type: application/json` expect; Fastify
 * alone refuses it), and CSV as text for the calendar import. Call before `init()`.
 */
export function useApiBodyParsers(app: INestApplication): void {
  const fastify = app as NestFastifyApplication;
  const json = fastify.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  fastify.useBodyParser<Server>(
    'application/json',
    { bodyLimit: BODY_LIMIT_BYTES },
    (request, body, done) => {
      if (body.length === 0) done(null, {});
      // The default parser answers through `done`; its return value is nothing.
      else void json(request, body.toString('utf8'), done);
    },
  );
  fastify.useBodyParser<Server>(
    'text/csv',
    { bodyLimit: BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body.toString('utf8')),
  );
}

/**
 * Weak ETags on answers and 304 to a matching `If-None-Match`, as Express gave: a client
 * polling a case's tracking view gets an empty answer when nothing changed.
 */
export function useConditionalGets(app: INestApplication): void {
  void (app as NestFastifyApplication).register(fastifyEtag, { weak: true });
}

/**
 * `app.init()`, then Fastify's own start-up (plugins such as multipart load in
 * `ready()`): after this the server answers, also to tests that never `listen()`.
 */
export async function initHttpApp(app: INestApplication): Promise<void> {
  await app.init();
  await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
}
