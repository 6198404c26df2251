import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DOCKER_DIR,
  readCompose,
  readDockerfile,
  serviceEnvironment,
  stageEnv,
} from './docker-files.js';

/** Docker has no engine here: the compose file is held to what an operator relies on. */
describe('docker/compose.yaml', () => {
  const { raw, compose } = readCompose();
  const services = compose.services;
  const longRunning = Object.entries(services).filter(([, service]) => service.restart !== 'no');
  const appServices = ['migrate', 'api', 'worker'];
  const runtime = readDockerfile().at(-1);

  it('has the services of the production shape', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['api', 'migrate', 'postgres', 'proxy', 'redis', 'worker'].sort(),
    );
  });

  it('gives every long-running service a healthcheck and a restart policy', () => {
    for (const [name, service] of longRunning) {
      expect([name, service.healthcheck?.test?.length ?? 0]).not.toEqual([name, 0]);
      expect([name, service.restart]).toEqual([
        name,
        expect.stringMatching(/^(always|unless-stopped|on-failure)$/),
      ]);
    }
    expect(longRunning.map(([name]) => name).sort()).toEqual(
      ['api', 'postgres', 'proxy', 'redis', 'worker'].sort(),
    );
  });

  it('lets the API and the workers drain: stop grace period above the drain time and its margin', () => {
    for (const name of ['api', 'worker']) {
      const service = services[name];
      const drainMs = Number(service?.environment?.SHUTDOWN_TIMEOUT_MS);
      const grace = /^(\d+)s$/.exec(service?.stop_grace_period ?? '');
      expect(drainMs).toBeGreaterThan(0);
      // exitOnSignals gives up 5 s after the drain timeout: the grace period outlasts both.
      expect(Number(grace?.[1]) * 1000).toBeGreaterThan(drainMs + 5000);
    }
  });

  it('requires the secrets and keys instead of defaulting them', () => {
    for (const name of appServices) {
      const environment = services[name]?.environment ?? {};
      for (const secret of ['JWT_SECRET', 'PII_KEYS', 'PII_HASH_KEY']) {
        expect([name, environment[secret]]).toEqual([
          name,
          expect.stringMatching(new RegExp(`^\\$\\{${secret}:\\?`)),
        ]);
      }
      expect(environment.DATABASE_URL).toMatch(/\$\{POSTGRES_PASSWORD:\?/);
      expect(environment.ALLOW_DEMO_ADAPTERS).toBe('${ALLOW_DEMO_ADAPTERS:-false}');
    }
    expect(services.postgres?.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(() => serviceEnvironment(services.api ?? {}, {})).toThrow(
      /POSTGRES_PASSWORD|JWT_SECRET/,
    );
  });

  it('keeps uploads on a named volume mounted where the image keeps them', () => {
    const varDir = runtime ? stageEnv(runtime).VAR_DIR : undefined;
    expect(varDir).toBe('/var/lib/onevisit');
    for (const name of ['api', 'worker']) {
      expect(services[name]?.volumes).toContain(`uploads:${varDir}`);
    }
    expect(Object.keys(compose.volumes ?? {})).toEqual(
      expect.arrayContaining(['uploads', 'pgdata', 'redisdata']),
    );
  });

  it('puts the proxy in front: only it publishes a port, and it forwards to the API replicas', () => {
    const publishing = Object.entries(services)
      .filter(([, service]) => (service.ports ?? []).length > 0)
      .map(([name]) => name);
    expect(publishing).toEqual(['proxy']);
    expect(services.proxy?.depends_on?.api?.condition).toBe('service_healthy');
    expect(services.api?.deploy?.replicas).toBeGreaterThan(1);
    expect(services.worker?.deploy?.replicas).toBeGreaterThan(1);
    expect(services.api?.environment?.TRUST_PROXY).toMatch(/TRUST_PROXY:-uniquelocal/);
    const nginx = readFileSync(join(DOCKER_DIR, 'nginx.conf'), 'utf8');
    expect(nginx).toMatch(/server api:3000 resolve;/);
    expect(services.api?.environment?.PORT).toBe('3000');
    // The client's address replaces what the client sent; live updates are not buffered.
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
    expect(nginx).toMatch(/proxy_buffering off;/);
    expect(services.proxy?.volumes).toContain('./nginx.conf:/etc/nginx/nginx.conf:ro');
  });

  it('probes each process where it answers: the API on PORT, the worker on WORKER_HTTP_PORT', () => {
    expect(services.api?.healthcheck?.test).toEqual([
      'CMD',
      'node',
      'docker/healthcheck.mjs',
      '3000',
      '/health/live',
    ]);
    const workerPort = services.worker?.environment?.WORKER_HTTP_PORT;
    expect(services.worker?.healthcheck?.test).toContain(workerPort);
  });

  it('uses the Compose Specification and one image for the app services', () => {
    expect(compose.name).toBe('onevisit');
    expect(raw).not.toMatch(/^version:/m);
    for (const name of appServices) {
      expect(services[name]?.image).toBe('onevisit:latest');
      expect(services[name]?.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    }
  });
});

describe('docker/Dockerfile and .dockerignore', () => {
  const stages = readDockerfile();
  const runtime = stages.at(-1);

  it('builds in one stage and runs on Node.js 22 LTS without a compiler in another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:22-/);
    const runtimeText = runtime?.lines.join('\n') ?? '';
    expect(runtimeText).not.toMatch(/apt-get|g\+\+|make|python3|npm (ci|install)/);
    expect(runtimeText).toMatch(/^USER node$/m);
    expect(runtimeText).toMatch(/^HEALTHCHECK /m);
    expect(runtime ? stageEnv(runtime).NODE_ENV : undefined).toBe('production');
  });

  it('keeps the host’s dependencies, build output, state and history out of the context', () => {
    const ignored = readFileSync(join(process.cwd(), '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    expect(ignored).toEqual(
      expect.arrayContaining(['.git', 'node_modules', 'dist', 'var', '.env']),
    );
  });
});
