import type { IntegrationSettings } from './integration-settings.js';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | {
      type: 'postgres';
      url: string;
      schema?: string;
      /** Connections per process; a transaction holds one until it commits. */
      poolSize?: number;
    };

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

/**
 * Typed configuration, built once at boot by `loadConfig`. Also the Nest injection
 * token: inject `AppConfig` wherever a setting is needed.
 */
export class AppConfig {
  database: DatabaseConfig;
  redisUrl: string;
  /** Key prefix of every BullMQ queue, so deployments can share one Redis. */
  queuePrefix: string;
  port: number;
  /** Address the API listens on. */
  host: string;
  varDir: string;
  jwt: { secret: string; issuer: string; ttl: string };
  logLevel: LogLevel;
  /** When set, `GET /metrics` wants `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
  /** Requests per window per client on write routes, and on sign-in-like routes. */
  rateLimit: { windowSeconds: number; writes: number; signIn: number };
  /** How long shutdown waits for in-flight jobs and requests before forcing. */
  shutdownTimeoutMs: number;
  /** `NODE_ENV=production`: secrets and keys must be given, demo adapters are refused. */
  production: boolean;
  /**
   * Which peers may tell the client's address (`X-Forwarded-For`): their addresses and
   * ranges, or false (none: the socket's address counts).
   */
  trustProxy: false | string[];
  /** The worker's own HTTP port for `/metrics` and `/health` (unset: none). */
  workerHttpPort?: number;
  /** Adapters to the outside systems (SMS, shared data, departments, supervision). */
  integrations: IntegrationSettings;
}

/** Raised when the environment is wrong; `problems` has one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
