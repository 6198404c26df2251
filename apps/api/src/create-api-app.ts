import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { type AppConfig, loadConfig } from '@onevisit/config';
import { mountQueueDashboard } from '@onevisit/observability';
import { ApiModule, type ModuleImport } from './api.module.js';
import { ServiceUnavailableFilter } from './http/service-unavailable.filter.js';
import { BodyRefusalFilter } from './http/body-refusal.filter.js';
import {
  createHttpAdapter,
  initHttpApp,
  useApiBodyParsers,
  useConditionalGets,
} from './http/http-adapter.js';
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
 * Builds and initialises the API (NestJS on Fastify, migrations applied) without
 * listening, so tests and the embedded all-in-one start can use it. Call
 * `listen(config.port, config.host)` to serve.
 */
export async function createApiApp(options: CreateApiAppOptions = {}): Promise<INestApplication> {
  const config = options.config ?? loadConfig();
  // Without a logger of the caller's (tests pass one), Nest logs through pino as JSON lines.
  const structured = options.logger === undefined;
  const logger = options.logger ?? LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1);
  const app = await NestFactory.create(
    ApiModule.forRoot(config, options.imports),
    createHttpAdapter(config.trustProxy),
    { logger, bufferLogs: structured },
  );
  if (structured) app.useLogger(app.get(Logger));
  await initApiApp(app);
  return app;
}

/**
 * Everything `createApiApp` adds to the module, then the start-up: body parsers, ETags,
 * the global pipe and filters, the queue dashboard (where this process has queues),
 * OpenAPI, `init()` and Fastify's `ready()`. For an app made on `createHttpAdapter()`
 * (tests build theirs from a testing module). Signals are handled by the entry points
 * (`exitOnSignals`), which exit 0 after a clean close.
 */
export async function initApiApp(app: INestApplication): Promise<void> {
  useApiBodyParsers(app);
  useConditionalGets(app);
  app.useGlobalPipes(createValidationPipe());
  // Nest tries the last filter first: HTTP exceptions (body refusals among them) go to
  // the second, every other error to the first.
  const { httpAdapter } = app.get(HttpAdapterHost);
  app.useGlobalFilters(
    new ServiceUnavailableFilter(httpAdapter),
    new BodyRefusalFilter(httpAdapter),
  );
  mountQueueDashboard(app);
  setupOpenApi(app);
  await initHttpApp(app);
}
