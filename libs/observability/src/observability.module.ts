import {
  type DynamicModule,
  Global,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type OnModuleInit,
  RequestMethod,
} from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { AppConfig } from '@onevisit/config';
import { DashboardSessionController } from './dashboard-session.controller.js';
import { httpLoggingParams, requestIdMiddleware } from './http-logging.middleware.js';
import { installHttpMetrics } from './http-metrics.hook.js';
import { installJobContext } from './job-context.js';
import { createPinoLogger } from './logger.js';
import { reportDemoAdapters } from './demo-adapter-report.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options.js';
import { QueueErrorLog } from './queue-error-log.service.js';
import { QueueMetrics } from './queue-metrics.service.js';
import { QueueRegistry } from './queue-registry.js';
import { RateLimitGuard } from './rate-limit.guard.js';
import { ReadinessService } from './readiness.service.js';
import { WorkerDrain } from './worker-drain.service.js';

/** The process's pino logger (one per app), behind Nest's logger and the access log. */
export const PINO_LOGGER = Symbol('PINO_LOGGER');

const loggers = new WeakMap<AppConfig, PinoLogger>();

/** One pino logger per app (its config): nestjs-pino and PINO_LOGGER share it. */
function processLogger(config: AppConfig): PinoLogger {
  let logger = loggers.get(config);
  if (!logger) {
    logger = createPinoLogger(config.logLevel, 'onevisit');
    loggers.set(config, logger);
  }
  return logger;
}

/**
 * Operations for any process shape: request ids, JSON logs, metrics, readiness, rate
 * limits, the queue dashboard session and the workers' drain on shutdown.
 */
@Global()
@Module({})
export class ObservabilityModule implements NestModule, OnModuleInit {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    installJobContext();
    return {
      module: ObservabilityModule,
      imports: [
        DiscoveryModule,
        TerminusModule,
        // Nest's logger, the access log and the request's logging context (nestjs-pino).
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => httpLoggingParams(processLogger(config)),
        }),
      ],
      controllers: [MetricsController, DashboardSessionController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        {
          provide: PINO_LOGGER,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => processLogger(config),
        },
        MetricsService,
        QueueRegistry,
        QueueErrorLog,
        QueueMetrics,
        ReadinessService,
        WorkerDrain,
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: [PINO_LOGGER, MetricsService, QueueRegistry, ReadinessService, TerminusModule],
    };
  }

  constructor(
    private readonly metrics: MetricsService,
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  /** Processes with an HTTP server (the API, the embedded default) time their requests. */
  onModuleInit(): void {
    reportDemoAdapters(this.config, this.metrics);
    const server = this.adapterHost.httpAdapter as { getInstance(): FastifyInstance } | undefined;
    if (server) installHttpMetrics(server.getInstance(), this.metrics);
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestIdMiddleware()).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
