import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AppConfig, ConfigError, type DatabaseConfig, type LogLevel } from './app-config.js';
import { EnvVariables } from './env.variables.js';
import { demoAdapterVariables, readIntegrationSettings } from './integration-settings.js';
import { productionProblems } from './production-checks.js';
import { trustProxyOf } from './trust-proxy.js';

export interface LoadConfigOptions {
  /** Base for relative paths (VAR_DIR, sqlite files). Defaults to the current directory. */
  cwd?: string;
}

/**
 * Reads and validates the environment. Throws a `ConfigError` listing every bad
 * variable at once, so an operator fixes them in one go.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: LoadConfigOptions = {},
): AppConfig {
  const cwd = options.cwd ?? process.cwd();
  // Empty strings count as unset: `FOO= npm start` should not fail validation.
  const plain = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const vars = plainToInstance(EnvVariables, plain);
  const problems = validateSync(vars, { stopAtFirstError: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`),
  );
  const database = databaseOf(vars, cwd);
  if (database.type === 'postgres' && !vars.JWT_SECRET) {
    // Replicas of a production deployment must agree on the key: a generated file won't do.
    problems.push('JWT_SECRET: required when DATABASE_URL points at PostgreSQL');
  }
  const integrations = readIntegrationSettings(plain);
  problems.push(...integrations.problems);
  const trustProxy = trustProxyOf(vars.TRUST_PROXY, problems);
  const production = plain.NODE_ENV === 'production';
  if (production) {
    problems.push(
      ...productionProblems(
        plain,
        demoAdapterVariables(integrations.settings),
        integrations.settings,
      ),
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const varDir = absolute(vars.VAR_DIR ?? 'var', cwd);
  const config = new AppConfig();
  config.database = database;
  config.redisUrl = vars.REDIS_URL ?? 'redis://127.0.0.1:6379';
  config.queuePrefix = vars.QUEUE_PREFIX ?? 'onevisit';
  config.port = vars.PORT ?? 3000;
  // Every IPv4 interface, as in a container behind a port mapping (Fastify alone would
  // listen on localhost only).
  config.host = vars.HOST ?? '0.0.0.0';
  config.varDir = varDir;
  config.jwt = {
    secret: vars.JWT_SECRET ?? embeddedJwtSecret(varDir),
    issuer: vars.JWT_ISSUER ?? 'onevisit',
    ttl: (vars.JWT_TTL ?? '8h').replace(/\s+/g, ''),
  };
  // Under Jest (NODE_ENV=test) only errors are logged unless a test asks for more.
  config.logLevel =
    (vars.LOG_LEVEL as LogLevel | undefined) ??
    ((plain.NODE_ENV ?? process.env.NODE_ENV) === 'test' ? 'error' : 'log');
  if (vars.METRICS_TOKEN) config.metricsToken = vars.METRICS_TOKEN;
  // Generous defaults: a person never meets them, a script hammering writes does.
  config.rateLimit = {
    windowSeconds: vars.RATE_LIMIT_WINDOW_SECONDS ?? 60,
    writes: vars.RATE_LIMIT_WRITES ?? 600,
    signIn: vars.RATE_LIMIT_SIGN_IN ?? 30,
  };
  config.shutdownTimeoutMs = vars.SHUTDOWN_TIMEOUT_MS ?? 25000;
  config.production = production;
  config.trustProxy = trustProxy;
  if (vars.WORKER_HTTP_PORT !== undefined) config.workerHttpPort = vars.WORKER_HTTP_PORT;
  config.integrations = integrations.settings;
  return config;
}

function databaseOf(vars: EnvVariables, cwd: string): DatabaseConfig {
  const url = vars.DATABASE_URL;
  if (url?.startsWith('sqlite:')) {
    return { type: 'sqlite', path: absolute(url.slice('sqlite:'.length), cwd) };
  }
  if (url) {
    return {
      type: 'postgres',
      url,
      ...(vars.DATABASE_POOL_SIZE === undefined ? {} : { poolSize: vars.DATABASE_POOL_SIZE }),
    };
  }
  return { type: 'sqlite', path: join(absolute(vars.VAR_DIR ?? 'var', cwd), 'onevisit.sqlite') };
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/**
 * The embedded default has no operator to set a secret: generate one on first boot and
 * keep it beside the database, readable by the owner only, so tokens survive restarts.
 */
function embeddedJwtSecret(varDir: string): string {
  const file = join(varDir, 'jwt-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
  }
  mkdirSync(varDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  // `mode` only applies when the file is created; tighten an existing weak file too.
  chmodSync(file, 0o600);
  return secret;
}
