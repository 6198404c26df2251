import { Controller, Get, type INestApplication, NotFoundException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { DatabaseConnectionLost } from '@onevisit/persistence';
import { ServiceUnavailableFilter, isDatabaseUnavailable } from './service-unavailable.filter.js';
import { createHttpAdapter, initHttpApp } from './http-adapter.js';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('isDatabaseUnavailable', () => {
  it('recognises pg socket errors, also inside an AggregateError from a dual-stack connect', () => {
    expect(isDatabaseUnavailable(refused())).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused(), refused()], ''))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('recognises PostgreSQL shutdown states wrapped by TypeORM', () => {
    const shutdown = Object.assign(new Error('terminating connection'), { code: '57P01' });
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], shutdown))).toBe(true);
    const cannotConnect = Object.assign(new Error('starting up'), { code: '57P03' });
    expect(isDatabaseUnavailable({ cause: cannotConnect })).toBe(true);
  });

  it('recognises a connection lost in the middle of a transaction', () => {
    const released = new QueryRunnerAlreadyReleasedError();
    expect(isDatabaseUnavailable(new DatabaseConnectionLost(released))).toBe(true);
    // The bare TypeORM error may also mean a manager used after its transaction: not an outage.
    expect(isDatabaseUnavailable(released)).toBe(false);
  });

  it('recognises a busy or closed SQLite database', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('locked'), { code: 'SQLITE_BUSY' }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new TypeError('The database connection is not open'))).toBe(true);
  });

  it('leaves query errors the database refused alone', () => {
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(isDatabaseUnavailable(new QueryFailedError('INSERT', [], unique))).toBe(false);
    expect(
      isDatabaseUnavailable(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT' })),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});

@Controller('probe')
class ProbeController {
  @Get('down')
  down(): never {
    throw new QueryFailedError('UPDATE case', [], refused());
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('No case x');
  }

  @Get('bug')
  bug(): never {
    throw new Error('a bug');
  }
}

describe('ServiceUnavailableFilter', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication(createHttpAdapter(), { logger: false });
    app.useGlobalFilters(new ServiceUnavailableFilter(app.get(HttpAdapterHost).httpAdapter));
    await initHttpApp(app);
  });
  afterAll(() => app.close());

  it('answers 503 with Retry-After when the database cannot be reached', async () => {
    const response = await request(app.getHttpServer()).get('/probe/down').expect(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable' });
  });

  it('keeps the usual answers for HTTP exceptions and other errors', async () => {
    await request(app.getHttpServer()).get('/probe/missing').expect(404);
    const bug = await request(app.getHttpServer()).get('/probe/bug').expect(500);
    expect(bug.headers['retry-after']).toBeUndefined();
  });
});
