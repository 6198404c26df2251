import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type AppConfig, loadConfig } from '@onevisit/config';
import { ApiModule, type ModuleImport } from './api.module.js';
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
  const logger = options.logger ?? LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1);
  const app = await NestFactory.create(ApiModule.forRoot(config, options.imports), { logger });
  configureApiApp(app);
  await app.init();
  return app;
}

/** Global pipe, shutdown hooks and OpenAPI: everything `createApiApp` adds to the module. */
export function configureApiApp(app: INestApplication): void {
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  setupOpenApi(app);
}
