import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  HttpException,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import { AppConfig } from '@onevisit/config';
import { bearerMatches, MetricsService, ReadinessService } from '@onevisit/observability';

/**
 * A worker process's own HTTP port (`WORKER_HTTP_PORT`) for Prometheus and the
 * orchestrator: `GET /metrics` (the worker's job durations, queue depth, process metrics;
 * `Bearer <METRICS_TOKEN>` when that is set), `GET /health/live`, `GET /health/ready` and
 * `GET /health`, answering as the API's routes of the same names do. Plain `node:http`:
 * the worker serves nothing else, so it needs no framework's router.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;
  private readonly logger = new Logger('WorkerHttp');

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.workerHttpPort;
    if (port === undefined) return;
    const server = createServer((request, response) => {
      this.answer(request, response).catch((error: unknown) => {
        this.logger.error(`answering ${request.url ?? ''} failed: ${String(error)}`);
        if (!response.headersSent) send(response, 500, { message: 'internal error' });
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.config.host, () => resolve());
    });
    this.logger.log(`metrics and health on ${this.config.host} port ${port}`);
  }

  /** Last: readiness answers 503 while the workers drain, then the port closes. */
  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return send(response, 405, { message: 'only GET' });
    }
    if (path === '/metrics') {
      const expected = this.config.metricsToken;
      if (expected && !bearerMatches(request.headers.authorization, expected)) {
        return send(response, 401, { message: 'Metrics need the METRICS_TOKEN bearer' });
      }
      response.writeHead(200, {
        'content-type': this.metrics.registry.contentType,
        'cache-control': 'no-store',
      });
      response.end(await this.metrics.registry.metrics());
      return;
    }
    if (path === '/health/live') return send(response, 200, await this.health.check([]));
    if (path === '/health' || path === '/health/ready') {
      try {
        const result = await this.health.check(this.readiness.checks());
        return send(response, 200, path === '/health' ? { status: 'ok' } : result);
      } catch (error) {
        if (!(error instanceof HttpException)) throw error;
        return send(response, error.getStatus(), error.getResponse());
      }
    }
    send(response, 404, { message: `no route ${path}` });
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
