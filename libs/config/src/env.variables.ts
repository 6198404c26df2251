import 'reflect-metadata';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
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
}
