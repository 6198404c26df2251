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
        JWT_ISSUER: 'gov',
        JWT_TTL: '30m',
        VAR_DIR: 'data',
      },
      { cwd: dir },
    );
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://u@db:5432/x' });
    expect(config.port).toBe(8080);
    expect(config.jwt).toEqual({ secret: 'a'.repeat(40), issuer: 'gov', ttl: '30m' });
    expect(config.varDir).toBe(join(dir, 'data'));
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig(
        {
          DATABASE_URL: 'mysql://x',
          PORT: 'eighty',
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
    expect(names).toEqual(['DATABASE_URL', 'JWT_SECRET', 'JWT_TTL', 'PORT', 'REDIS_URL']);
  });

  it('requires an explicit JWT secret with PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db/x' }, { cwd: dir })).toThrow(
      /JWT_SECRET: required/,
    );
  });
});
