import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { accessLogMiddleware, requestIdMiddleware } from './http-logging.middleware.js';
import { pinoOptions } from './logger.js';

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

/** Runs both middlewares on a fake request; returns the response to close. */
function serve(logger: pino.Logger, url: string, status: number) {
  const request = Object.assign(new EventEmitter(), {
    url,
    method: 'GET',
    headers: { 'user-agent': 'spec', 'x-request-id': `req-${status}` },
  }) as unknown as IncomingMessage;
  const response = Object.assign(new EventEmitter(), {
    statusCode: status,
    setHeader: () => undefined,
  }) as unknown as ServerResponse;
  const access = accessLogMiddleware(logger);
  requestIdMiddleware()(request, response, () => access(request, response, () => undefined));
  return response;
}

describe('access log', () => {
  it('writes one line per answer, at the level of its status, with the request id', () => {
    const { lines, logger } = capture('log');
    serve(logger, '/cases?x=1', 200).emit('close');
    serve(logger, '/licences/11010519491231002X/verify', 404).emit('close');
    serve(logger, '/cases', 503).emit('close');
    expect(lines.map((line) => [line.level, line.msg, line.requestId])).toEqual([
      ['info', 'request completed', 'req-200'],
      ['warn', 'request completed', 'req-404'],
      ['error', 'request errored', 'req-503'],
    ]);
    expect(lines[0]).toMatchObject({
      req: { id: 'req-200', method: 'GET', url: '/cases?x=1', userAgent: 'spec' },
      res: { statusCode: 200 },
    });
    expect(JSON.stringify(lines[1])).not.toContain('11010519491231002X');
    expect(lines[2]).toMatchObject({ err: { message: 'failed with status code 503' } });
  });

  it('skips probes, and lines below the level', () => {
    const { lines, logger } = capture('warn');
    serve(logger, '/health/live', 500).emit('close');
    serve(logger, '/metrics', 500).emit('close');
    serve(logger, '/cases', 200).emit('close');
    serve(logger, '/cases', 403).emit('close');
    expect(lines.map((line) => line.requestId)).toEqual(['req-403']);
  });
});
