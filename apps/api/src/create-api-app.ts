import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { type AppConfig, loadConfig } from '@onevisit/config';
import { mountQueueDashboard, PINO_LOGGER, PinoNestLogger } from '@onevisit/observability';
import { ApiModule, type ModuleImport } from './api.module.js';
import { DatabaseUnavailableFilter } from './http/database-unavailable.filter.js';
import { applyBodyLimits } from './http/body-limits.js';
import { setupOpenApi } from './http/openapi.js';
import { createValidationPipe } from './http/validation.pipe.js';

export interface CreateApiAppOptions {
  /** Defaults to `loadConfig()` (the environment). */
  config?: AppConfig;
  logger?: LoggerService | LogLevel[] | false;
  /** Modules to run in the same process (the embedded default adds queues and the worker). */
  imports?: ModuleImport[];
}

const LEVELS: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Builds and initialises the API (migrations applied) without listening, so tests and
 * the embedded all-in-one start can use it. Call `listen(config.port)` to serve.
 */
export async function createApiApp(options: CreateApiAppOptions = {}): Promise<INestApplication> {
  const config = options.config ?? loadConfig();
  // Without a logger of the caller's (tests pass one), Nest logs through pino as JSON lines.
  const structured = options.logger === undefined;
  const logger = options.logger ?? LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1);
  const app = await NestFactory.create(ApiModule.forRoot(config, options.imports), {
    logger,
    bufferLogs: structured,
    // Open live-update streams (SSE) must not hold a shutdown forever.
    forceCloseConnections: true,
  });
  if (structured) app.useLogger(new PinoNestLogger(app.get(PINO_LOGGER)));
  configureApiApp(app);
  await app.init();
  return app;
}

/**
 * Global pipe, filters, the queue dashboard (where this process has queues) and OpenAPI:
 * everything `createApiApp` adds to the module. Signals are handled by the entry points
 * (`exitOnSignals`), which exit 0 after a clean close.
 */
export function configureApiApp(app: INestApplication): void {
  applyBodyLimits(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DatabaseUnavailableFilter(app.get(HttpAdapterHost).httpAdapter));
  mountQueueDashboard(app);
  setupOpenApi(app);
}
