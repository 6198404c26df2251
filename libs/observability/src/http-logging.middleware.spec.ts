import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { pinoHttp, type Options } from 'pino-http';
import { httpLoggingParams, requestIdMiddleware } from './http-logging.middleware.js';
import { pinoOptions } from './logger.js';
import { currentRequestId } from './request-context.js';

/** A pino logger at `level` writing parsed lines into an array. */
function capture(level: 'log' | 'warn') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino(pinoOptions(level, 'spec'), stream) };
}

/** Runs the request-id middleware and the access log (as nestjs-pino sets it up) on a fake request. */
function serve(logger: pino.Logger, url: string, status: number) {
  const request = Object.assign(new EventEmitter(), {
    url,
    method: 'GET',
    headers: {
      'user-agent': 'spec',
      'x-request-id': `req-${status}`,
      authorization: 'Bearer secret-token',
    },
  }) as unknown as IncomingMessage;
  const headers: Record<string, unknown> = {};
  const response = Object.assign(new EventEmitter(), {
    statusCode: status,
    // An answer sent in full (pino-http calls the others "request aborted").
    writableEnded: true,
    setHeader: (name: string, value: unknown) => (headers[name] = value),
  }) as unknown as ServerResponse;
  const params = httpLoggingParams(logger).pinoHttp as Options;
  const access = pinoHttp(params);
  let seen: string | undefined;
  requestIdMiddleware()(request, response, () =>
    access(request, response, () => (seen = currentRequestId())),
  );
  return { response, headers, seen };
}

describe('access log (pino-http through nestjs-pino)', () => {
  it('writes one line per answer, at the level of its status, with the request id', () => {
    const { lines, logger } = capture('log');
    const ok = serve(logger, '/cases?x=1', 200);
    ok.response.emit('finish');
    serve(logger, '/licences/11010519491231002X/verify', 404).response.emit('finish');
    serve(logger, '/cases', 503).response.emit('finish');
    expect(ok.headers['X-Request-Id']).toBe('req-200');
    expect(ok.seen).toBe('req-200');
    expect(lines.map((line) => [line.level, line.msg, line.requestId])).toEqual([
      ['info', 'request completed', 'req-200'],
      ['warn', 'request completed', 'req-404'],
      ['error', 'request errored', 'req-503'],
    ]);
    expect(lines[0]).toMatchObject({
      req: { id: 'req-200', method: 'GET', url: '/cases?x=1', userAgent: 'spec' },
      res: { statusCode: 200 },
    });
    expect(typeof lines[0]?.responseTime).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('11010519491231002X');
    expect(JSON.stringify(lines)).not.toContain('secret-token');
    expect(lines[2]).toMatchObject({ err: { message: 'failed with status code 503' } });
  });

  it('skips probes, and lines below the level', () => {
    const { lines, logger } = capture('warn');
    serve(logger, '/health/live', 500).response.emit('finish');
    serve(logger, '/metrics', 500).response.emit('finish');
    serve(logger, '/cases', 200).response.emit('finish');
    serve(logger, '/cases', 403).response.emit('finish');
    expect(lines.map((line) => line.requestId)).toEqual(['req-403']);
  });
});
