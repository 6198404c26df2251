import type { FastifyInstance } from 'fastify';
import type { MetricsService } from './metrics.service.js';

/**
 * Times every answered request and labels it with the route template Fastify matched,
 * never the raw URL: ids in paths would make one time series per case. Unmatched paths
 * share one label. A hook rather than middleware: only the router knows the template.
 */
export function installHttpMetrics(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
