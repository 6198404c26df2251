import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  type OnApplicationShutdown,
  type OnModuleInit,
  SetMetadata,
} from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { AppConfig } from '@onevisit/config';

const SIGN_IN_ROUTE = 'onevisit:sign-in-route';
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A counter that Redis does not answer within this is skipped: limits never stall a request. */
const REDIS_COMMAND_TIMEOUT_MS = 500;

/** Marks a route that hands out or checks credentials: it gets the stricter sign-in limit. */
export const SignInRoute = () => SetMetadata(SIGN_IN_ROUTE, true);

type LimitedRequest = FastifyRequest & { identity?: { sub?: string } };
type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * Rate limits per client: every write (POST, PUT, PATCH, DELETE) counts against one
 * limit, sign-in-like routes against a stricter one; reads (health, metrics, catalogue,
 * tracking) are never limited. Counted per signed-in user once the auth guard has run,
 * per client address otherwise (`request.ip`: behind a proxy named in TRUST_PROXY, the
 * address it forwarded).
 *
 * The counters live in Redis (`@fastify/rate-limit`'s store, one atomic script per hit,
 * keys under `<QUEUE_PREFIX>:rate-limit:`), so every API replica counts the same hits. A
 * Redis that does not answer skips the count (the request goes through): the limits
 * guard against floods and must not take the API down with Redis.
 *
 * (`@nestjs/throttler` 6 is CommonJS requiring the ESM-only Nest 12 packages, which the
 * ESM test runner cannot load; this guard decides what is limited, the plugin counts.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleInit, OnApplicationShutdown {
  private limiters?: { writes: Limiter; signIns: Limiter };
  private fastify?: FastifyInstance;
  private redis?: Redis;

  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter as { getInstance(): FastifyInstance } | undefined;
    // A worker process has no HTTP server and nothing to limit.
    if (!adapter) return;
    const fastify = adapter.getInstance();
    const redis = new Redis(this.config.redisUrl, {
      // Fail at once while disconnected instead of queueing the request behind a reconnect.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 2000,
    });
    // Readiness and the queues report Redis outages; these would repeat every reconnect.
    redis.on('error', () => undefined);
    this.redis = redis;
    // Loaded with the app's other plugins at `ready()`: awaiting it here would boot Fastify's
    // plugin queue before Nest has set its error handling up (body refusals then lose
    // their JSON answers). The limiters are made at the first request.
    void fastify.register(fastifyRateLimit, {
      global: false,
      redis,
      nameSpace: `${this.config.queuePrefix}:rate-limit:`,
      skipOnError: true,
      timeWindow: this.config.rateLimit.windowSeconds * 1000,
    });
    this.fastify = fastify;
  }

  private limitersOf(fastify: FastifyInstance): { writes: Limiter; signIns: Limiter } {
    const clientOf = (request: FastifyRequest) => {
      const sub = (request as LimitedRequest).identity?.sub;
      return sub ? `user:${sub}` : `ip:${request.ip}`;
    };
    this.limiters ??= {
      writes: fastify.createRateLimit({
        max: this.config.rateLimit.writes,
        keyGenerator: (request) => `writes:${clientOf(request)}`,
      }),
      signIns: fastify.createRateLimit({
        max: this.config.rateLimit.signIn,
        keyGenerator: (request) => `sign-in:${clientOf(request)}`,
      }),
    };
    return this.limiters;
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || !this.fastify) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const signIn = this.reflector.getAllAndOverride<boolean | undefined>(SIGN_IN_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!signIn && READ_METHODS.has(request.method.toUpperCase())) return true;
    const limiters = this.limitersOf(this.fastify);
    const verdict = await (signIn ? limiters.signIns : limiters.writes)(request);
    if (verdict.isAllowed || !verdict.isExceeded) return true;
    const retryAfter = Math.max(1, verdict.ttlInSeconds);
    context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(retryAfter));
    // An HttpException, so that Nest answers 429 and not 500.
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `Too many requests: try again in ${retryAfter} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
