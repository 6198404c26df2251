export type DatabaseConfig =
  { type: 'sqlite'; path: string } | { type: 'postgres'; url: string; schema?: string };

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
  varDir: string;
  jwt: { secret: string; issuer: string; ttl: string };
  logLevel: LogLevel;
}

/** Raised when the environment is wrong; `problems` has one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
