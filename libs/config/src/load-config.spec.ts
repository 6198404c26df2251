import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './app-config.js';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onevisit-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults to the embedded SQLite file and a generated, private JWT secret', () => {
    const config = loadConfig({}, { cwd: dir });
    expect(config.database).toEqual({ type: 'sqlite', path: join(dir, 'var', 'onevisit.sqlite') });
    expect(config.port).toBe(3000);
    expect(config.jwt.issuer).toBe('onevisit');
    const file = join(dir, 'var', 'jwt-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(config.jwt.secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A second boot keeps the same secret, so issued tokens stay valid.
    expect(loadConfig({}, { cwd: dir }).jwt.secret).toBe(config.jwt.secret);
  });

  it('reads PostgreSQL, port, issuer and ttl from the environment', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://u@db:5432/x',
        JWT_SECRET: 'a'.repeat(40),
        PORT: '8080',
        HOST: '::',
        JWT_ISSUER: 'gov',
        JWT_TTL: '30m',
        VAR_DIR: 'data',
      },
      { cwd: dir },
    );
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://u@db:5432/x' });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('::');
    expect(config.jwt).toEqual({ secret: 'a'.repeat(40), issuer: 'gov', ttl: '30m' });
    expect(config.varDir).toBe(join(dir, 'data'));
  });

  it('sizes the PostgreSQL pool from DATABASE_POOL_SIZE and refuses a size out of range', () => {
    const env = { DATABASE_URL: 'postgres://u@db:5432/x', JWT_SECRET: 'a'.repeat(40) };
    expect(loadConfig({ ...env, DATABASE_POOL_SIZE: '24' }, { cwd: dir }).database).toEqual({
      type: 'postgres',
      url: 'postgres://u@db:5432/x',
      poolSize: 24,
    });
    expect(() => loadConfig({ ...env, DATABASE_POOL_SIZE: '0' }, { cwd: dir })).toThrow(
      /DATABASE_POOL_SIZE must be between 1 and 500/,
    );
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig(
        {
          DATABASE_URL: 'mysql://x',
          PORT: 'eighty',
          HOST: 'every-interface',
          JWT_SECRET: 'short',
          JWT_TTL: 'forever',
          REDIS_URL: 'x',
        },
        { cwd: dir },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(names).toEqual(['DATABASE_URL', 'HOST', 'JWT_SECRET', 'JWT_TTL', 'PORT', 'REDIS_URL']);
  });

  it('reads the operations settings and names bad ones', () => {
    const config = loadConfig(
      {
        METRICS_TOKEN: 'm'.repeat(20),
        RATE_LIMIT_WINDOW_SECONDS: '10',
        RATE_LIMIT_WRITES: '5',
        SHUTDOWN_TIMEOUT_MS: '1000',
        LOG_LEVEL: 'warn',
      },
      { cwd: dir },
    );
    expect(config.metricsToken).toBe('m'.repeat(20));
    expect(config.rateLimit).toEqual({ windowSeconds: 10, writes: 5, signIn: 30 });
    expect(config.shutdownTimeoutMs).toBe(1000);
    expect(config.logLevel).toBe('warn');
    expect(() =>
      loadConfig(
        {
          METRICS_TOKEN: 'short',
          RATE_LIMIT_WRITES: '0',
          SHUTDOWN_TIMEOUT_MS: '-1',
          LOG_LEVEL: 'loud',
          PORT: '65536',
          REDIS_URL: 'http://cache:6379',
        },
        { cwd: dir },
      ),
    ).toThrow(/METRICS_TOKEN[\s\S]*RATE_LIMIT_WRITES[\s\S]*SHUTDOWN_TIMEOUT_MS/);
  });

  it('logs only errors under the test runner unless told otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }, { cwd: dir }).logLevel).toBe('error');
    expect(loadConfig({ NODE_ENV: 'development' }, { cwd: dir }).logLevel).toBe('log');
  });

  it('requires an explicit JWT secret with PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db/x' }, { cwd: dir })).toThrow(
      /JWT_SECRET: required/,
    );
  });
});
