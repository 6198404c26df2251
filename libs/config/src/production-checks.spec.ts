import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './app-config.js';
import { loadConfig } from './load-config.js';

/** Everything production needs, with real adapters. */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u@db:5432/x',
  JWT_SECRET: 'j'.repeat(40),
  PII_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  PII_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
  SMS_GATEWAY: 'http',
  SMS_GATEWAY_URL: 'https://sms.example.gov/messages',
  SHARED_DATA_GATEWAY: 'http',
  SHARED_DATA_GATEWAY_URL: 'https://data.example.gov/identity-checks',
  DEPARTMENT_NOTIFIER: 'http',
  DEPARTMENT_NOTIFIER_URL: 'https://oa.example.gov/notices',
  SUPERVISION_PLATFORM: 'http',
  SUPERVISION_PLATFORM_URL: 'https://supervision.example.gov/events',
};

function problemsOf(env: Record<string, string | undefined>, cwd: string): string[] {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('production mode', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onevisit-production-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts with secrets, keys and real adapters', () => {
    const config = loadConfig(PRODUCTION, { cwd: dir });
    expect(config.production).toBe(true);
    expect(config.integrations.adapters.sms).toEqual({
      kind: 'http',
      url: 'https://sms.example.gov/messages',
      timeoutMs: 10000,
      retries: 2,
    });
    expect(config.integrations.allowDemoAdapters).toBe(false);
  });

  it('refuses to start without the personal-data keys or the JWT secret, naming each', () => {
    const names = problemsOf(
      { ...PRODUCTION, PII_KEYS: undefined, PII_HASH_KEY: undefined, JWT_SECRET: undefined },
      dir,
    ).map((problem) => problem.split(':')[0]);
    expect(names).toEqual(['JWT_SECRET', 'JWT_SECRET', 'PII_KEYS', 'PII_HASH_KEY']);
    expect(problemsOf({ ...PRODUCTION, PII_HASH_KEY: '' }, dir)).toEqual([
      'PII_HASH_KEY: required in production (NODE_ENV=production), with PII_KEYS',
    ]);
  });

  it('refuses demo adapters unless explicitly allowed', () => {
    const env = { ...PRODUCTION, SMS_GATEWAY: undefined, SUPERVISION_PLATFORM: 'demo' };
    expect(problemsOf(env, dir)).toEqual([
      expect.stringMatching(/^SMS_GATEWAY: the demo adapter sends nothing in production/),
      expect.stringMatching(/^SUPERVISION_PLATFORM: the demo adapter sends nothing/),
    ]);
    const allowed = loadConfig({ ...env, ALLOW_DEMO_ADAPTERS: 'true' }, { cwd: dir });
    expect(allowed.integrations.adapters.sms).toEqual({ kind: 'demo' });
    expect(allowed.integrations.allowDemoAdapters).toBe(true);
  });

  it('outside production, demo adapters are the default and keys may be generated', () => {
    const config = loadConfig({}, { cwd: dir });
    expect(config.production).toBe(false);
    expect(Object.values(config.integrations.adapters)).toEqual([
      { kind: 'demo' },
      { kind: 'demo' },
      { kind: 'demo' },
      { kind: 'demo' },
    ]);
  });

  it('reads an HTTP adapter fully and names its bad settings', () => {
    const config = loadConfig(
      {
        SHARED_DATA_GATEWAY: 'http',
        SHARED_DATA_GATEWAY_URL: 'https://data.example.gov/check',
        SHARED_DATA_GATEWAY_TOKEN: 't0ken',
        SHARED_DATA_GATEWAY_TIMEOUT_MS: '2500',
        SHARED_DATA_GATEWAY_RETRIES: '0',
        SHARED_DATA_GATEWAY_CA_FILE: '/etc/onevisit/ca.pem',
        SHARED_DATA_GATEWAY_CERT_FILE: '/etc/onevisit/client.pem',
        SHARED_DATA_GATEWAY_KEY_FILE: '/etc/onevisit/client.key',
      },
      { cwd: dir },
    );
    expect(config.integrations.adapters.sharedData).toEqual({
      kind: 'http',
      url: 'https://data.example.gov/check',
      token: 't0ken',
      timeoutMs: 2500,
      retries: 0,
      caFile: '/etc/onevisit/ca.pem',
      certFile: '/etc/onevisit/client.pem',
      keyFile: '/etc/onevisit/client.key',
    });
    expect(
      problemsOf(
        {
          SMS_GATEWAY: 'smtp',
          SHARED_DATA_GATEWAY: 'http',
          DEPARTMENT_NOTIFIER: 'http',
          DEPARTMENT_NOTIFIER_URL: 'ftp://oa',
          DEPARTMENT_NOTIFIER_TIMEOUT_MS: 'soon',
          SUPERVISION_PLATFORM: 'http',
          SUPERVISION_PLATFORM_URL: 'https://s',
          SUPERVISION_PLATFORM_CERT_FILE: '/c.pem',
          ALLOW_DEMO_ADAPTERS: 'yes',
        },
        dir,
      ),
    ).toEqual([
      'SMS_GATEWAY: must be demo or http',
      'SHARED_DATA_GATEWAY_URL: required when SHARED_DATA_GATEWAY=http',
      'DEPARTMENT_NOTIFIER_URL: must be an http:// or https:// URL',
      'DEPARTMENT_NOTIFIER_TIMEOUT_MS: must be an integer between 100 and 300000',
      'SUPERVISION_PLATFORM_CERT_FILE: and SUPERVISION_PLATFORM_KEY_FILE must be set together',
      'ALLOW_DEMO_ADAPTERS: must be true or false',
    ]);
  });

  it('trusts proxies only as told', () => {
    expect(loadConfig({}, { cwd: dir }).trustProxy).toBe(false);
    expect(
      loadConfig({ TRUST_PROXY: '10.0.0.5, 172.16.0.0/12,loopback' }, { cwd: dir }).trustProxy,
    ).toEqual(['10.0.0.5', '172.16.0.0/12', 'loopback']);
    expect(problemsOf({ TRUST_PROXY: '1' }, dir)).toEqual([
      'TRUST_PROXY: 1 is not an IP address, a CIDR range, loopback, linklocal or uniquelocal',
    ]);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/40' }, dir)).toEqual([
      'TRUST_PROXY: 10.0.0.0/40 is not an IP address, a CIDR range, loopback, linklocal or uniquelocal',
    ]);
  });

  it('reads the worker HTTP port', () => {
    expect(loadConfig({ WORKER_HTTP_PORT: '9464' }, { cwd: dir }).workerHttpPort).toBe(9464);
    expect(loadConfig({}, { cwd: dir }).workerHttpPort).toBeUndefined();
  });
});
