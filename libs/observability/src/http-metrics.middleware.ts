import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpMiddleware } from './http-logging.middleware.js';
import type { MetricsService } from './metrics.service.js';

interface RoutedRequest extends IncomingMessage {
  /** Set by Express once a route matched: its template, e.g. `/cases/:id`. */
  route?: { path?: string };
  baseUrl?: string;
}

/**
 * Times every request and labels it with the route template, never the raw URL: ids in
 * paths would make one time series per case. Unmatched paths share one label.
 */
export function httpMetricsMiddleware(metrics: MetricsService): HttpMiddleware {
  return (request, response: ServerResponse, next) => {
    const stop = metrics.httpDuration.startTimer();
    response.once('finish', () => {
      const routed = request as RoutedRequest;
      const route =
        typeof routed.route?.path === 'string'
          ? `${routed.baseUrl ?? ''}${routed.route.path}`
          : unmatchedLabel(request.url ?? '');
      stop({ method: request.method ?? 'GET', route, status: String(response.statusCode) });
    });
    next();
  };
}

/** Paths served by middleware rather than routes (the queue dashboard) keep their prefix only. */
function unmatchedLabel(url: string): string {
  return url.startsWith('/admin/queues') ? '/admin/queues/*' : 'unmatched';
}
