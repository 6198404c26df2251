import 'reflect-metadata';
import {
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { Type } from 'class-transformer';

/**
 * The environment variables the API (and the CLIs) read, as class-validator sees them.
 * Every property is optional here: defaults are applied afterwards in `loadConfig`, so
 * that a message names the variable the operator actually set wrongly.
 */
export class EnvVariables {
  @IsOptional()
  @Matches(/^(postgres(ql)?:\/\/.+|sqlite:.+)$/, {
    message:
      'DATABASE_URL must be a postgres:// URL (or sqlite:<file>); leave it unset for the embedded SQLite file',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  PORT?: number;

  @IsOptional()
  @IsIP(undefined, {
    message:
      'HOST must be an IP address to listen on (0.0.0.0: every IPv4 interface; ::, IPv6 too; 127.0.0.1: this machine only)',
  })
  HOST?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'VAR_DIR must not be empty' })
  VAR_DIR?: string;

  @IsOptional()
  @IsString()
  // HS256 wants a key at least as long as the hash output (RFC 7518 §3.2).
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET?: string;

  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'JWT_ISSUER must not be empty' })
  JWT_ISSUER?: string;

  @IsOptional()
  @Matches(
    /^\d+\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/,
    {
      message: 'JWT_TTL must be a duration such as 900s, 30m, 8h or 7d',
    },
  )
  JWT_TTL?: string;

  @IsOptional()
  @Matches(/^[\w-]+$/, { message: 'QUEUE_PREFIX may contain letters, digits, _ and - only' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'], {
    message: 'LOG_LEVEL must be one of error, warn, log, debug, verbose',
  })
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  // A bearer for Prometheus: long enough not to be guessed.
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters long' })
  METRICS_TOKEN?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_WINDOW_SECONDS must be an integer' })
  @Min(1, { message: 'RATE_LIMIT_WINDOW_SECONDS must be between 1 and 86400' })
  @Max(86400, { message: 'RATE_LIMIT_WINDOW_SECONDS must be between 1 and 86400' })
  RATE_LIMIT_WINDOW_SECONDS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_WRITES must be an integer' })
  @Min(1, { message: 'RATE_LIMIT_WRITES must be at least 1' })
  RATE_LIMIT_WRITES?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_SIGN_IN must be an integer' })
  @Min(1, { message: 'RATE_LIMIT_SIGN_IN must be at least 1' })
  RATE_LIMIT_SIGN_IN?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'SHUTDOWN_TIMEOUT_MS must be an integer' })
  @Min(0, { message: 'SHUTDOWN_TIMEOUT_MS must be between 0 and 600000' })
  @Max(600000, { message: 'SHUTDOWN_TIMEOUT_MS must be between 0 and 600000' })
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be an integer' })
  @Min(1, { message: 'DATABASE_POOL_SIZE must be between 1 and 500' })
  @Max(500, { message: 'DATABASE_POOL_SIZE must be between 1 and 500' })
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'WORKER_HTTP_PORT must be an integer' })
  @Min(1, { message: 'WORKER_HTTP_PORT must be between 1 and 65535' })
  @Max(65535, { message: 'WORKER_HTTP_PORT must be between 1 and 65535' })
  WORKER_HTTP_PORT?: number;

  @IsOptional()
  @IsString()
  // Checked entry by entry in `trustProxyOf`.
  TRUST_PROXY?: string;
}
