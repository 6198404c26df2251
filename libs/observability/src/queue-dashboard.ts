import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { TokenService } from '@onevisit/auth';
import { AppConfig } from '@onevisit/config';
import {
  cookieValue,
  DASHBOARD_COOKIE,
  DASHBOARD_PATH,
  verifyDashboardSession,
} from './dashboard-session.js';
import type { HttpMiddleware } from './http-logging.middleware.js';
import { QueueRegistry } from './queue-registry.js';

/**
 * bull-board at /admin/queues, where this process has queues. It is Express middleware,
 * outside Nest's guards, so it gets its own gate: an admin bearer token, or the session
 * cookie from `POST /admin/queues/session`. Call before `app.init()`.
 */
export function mountQueueDashboard(app: INestApplication): boolean {
  const queues = app.get(QueueRegistry).queues();
  if (queues.length === 0) return false;
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    // @bull-board/express 9.10.1 types its adapter against its own copy of @bull-board/api.
    serverAdapter: serverAdapter as unknown as Parameters<
      typeof createBullBoard
    >[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'OneVisit queues' } },
  });
  app.use(DASHBOARD_PATH, adminOnly(app.get(TokenService), app.get(AppConfig)));
  app.use(DASHBOARD_PATH, serverAdapter.getRouter());
  return true;
}

function adminOnly(tokens: TokenService, config: AppConfig): HttpMiddleware {
  return (request, response, next) => {
    void allowed(request, tokens, config).then((verdict) => {
      if (verdict === 'ok') return next();
      // The session route is a Nest route behind the same path: let Nest's guard answer it.
      if (request.method === 'POST' && /^\/session\/?(\?|$)/.test(request.url ?? '')) return next();
      refuse(response, verdict);
    }, next);
  };
}

async function allowed(
  request: IncomingMessage,
  tokens: TokenService,
  config: AppConfig,
): Promise<'ok' | 401 | 403> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (match) {
    try {
      const identity = await tokens.verify(match[1]);
      return identity.roles.includes('admin') ? 'ok' : 403;
    } catch {
      return 401;
    }
  }
  const cookie = cookieValue(request.headers.cookie, DASHBOARD_COOKIE);
  return cookie && verifyDashboardSession(config.jwt.secret, cookie) ? 'ok' : 401;
}

function refuse(response: ServerResponse, status: 401 | 403): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(
    JSON.stringify({
      statusCode: status,
      error: status === 401 ? 'Unauthorized' : 'Forbidden',
      message:
        status === 401
          ? 'The queue dashboard needs an admin bearer token or a session from POST /admin/queues/session'
          : 'The queue dashboard is for admins only',
    }),
  );
}
