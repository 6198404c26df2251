import type { IncomingMessage } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyPluginAsync } from 'fastify';
import { TokenService } from '@onevisit/auth';
import { AppConfig } from '@onevisit/config';
import {
  cookieValue,
  DASHBOARD_COOKIE,
  DASHBOARD_PATH,
  verifyDashboardSession,
} from './dashboard-session.js';
import { connectedQueues } from './queue-connection.js';
import { QueueRegistry } from './queue-registry.js';

/**
 * bull-board at /admin/queues, where this process has queues. Its routes are a Fastify
 * plugin outside Nest's guards, so they get their own gate in their own plugin scope: an
 * admin bearer token, or the session cookie from `POST /admin/queues/session` (a Nest
 * route, outside that scope). Call before `app.init()`.
 */
export function mountQueueDashboard(app: INestApplication): boolean {
  const queues = app.get(QueueRegistry).queues();
  if (queues.length === 0) return false;
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    // @bull-board/fastify 9.10.1 types its adapter against its own copy of @bull-board/api.
    serverAdapter: serverAdapter as unknown as Parameters<
      typeof createBullBoard
    >[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'OneVisit queues' } },
  });
  const tokens = app.get(TokenService);
  const config = app.get(AppConfig);
  const gatedDashboard: FastifyPluginAsync = async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const verdict = await allowed(request.raw, tokens, config);
      // Fastify's way to answer from an async hook: send, and return the reply.
      if (verdict !== 'ok') return reply.status(verdict).send(refusal(verdict));
      // The board's data routes ask Redis, whose commands wait for it while it is down:
      // answer at once instead of holding the request (and the process's shutdown).
      if (isDataRoute(request.url) && (await connectedQueues(queues)).length < queues.length) {
        return reply
          .status(503)
          .header('Retry-After', String(REDIS_RETRY_AFTER_SECONDS))
          .send(redisAway());
      }
    });
    await scope.register(serverAdapter.registerPlugin());
  };
  void (app as NestFastifyApplication).register(gatedDashboard, { prefix: DASHBOARD_PATH });
  return true;
}

/** How long a client is asked to wait before asking the board again while Redis is away. */
const REDIS_RETRY_AFTER_SECONDS = 5;

/** bull-board's JSON routes (its page and assets need no Redis). */
function isDataRoute(url: string): boolean {
  return url.startsWith(`${DASHBOARD_PATH}/api/`);
}

function redisAway(): Record<string, unknown> {
  return {
    statusCode: 503,
    error: 'Service Unavailable',
    message: 'Redis is unreachable: the queues cannot be read now; try again shortly',
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

function refusal(status: 401 | 403): Record<string, unknown> {
  return {
    statusCode: status,
    error: status === 401 ? 'Unauthorized' : 'Forbidden',
    message:
      status === 401
        ? 'The queue dashboard needs an admin bearer token or a session from POST /admin/queues/session'
        : 'The queue dashboard is for admins only',
  };
}
