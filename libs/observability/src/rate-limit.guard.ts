import {
  type CanActivate,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppConfig } from '@onevisit/config';
import { FixedWindowCounter } from './fixed-window-counter.js';

const SIGN_IN_ROUTE = 'onevisit:sign-in-route';
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Marks a route that hands out or checks credentials: it gets the stricter sign-in limit. */
export const SignInRoute = () => SetMetadata(SIGN_IN_ROUTE, true);

interface HttpRequest {
  method: string;
  ip?: string;
  identity?: { sub?: string };
}
/** Fastify's reply. */
interface HttpResponse {
  header(name: string, value: string): unknown;
}

/**
 * Rate limits per client: every write (POST, PUT, PATCH, DELETE) counts against one
 * limit, sign-in-like routes against a stricter one; reads (health, metrics, catalogue,
 * tracking) are never limited. Counted per signed-in user once the auth guard has run,
 * per client IP otherwise. Counters live in this process: each replica limits on its own.
 *
 * (`@nestjs/throttler` 6 is CommonJS requiring the ESM-only Nest 12 packages, which the
 * ESM test runner cannot load; this guard is the small part of it we need.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly writes: FixedWindowCounter;
  private readonly signIns: FixedWindowCounter;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    const windowMs = config.rateLimit.windowSeconds * 1000;
    this.writes = new FixedWindowCounter(config.rateLimit.writes, windowMs);
    this.signIns = new FixedWindowCounter(config.rateLimit.signIn, windowMs);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const signIn = this.reflector.getAllAndOverride<boolean | undefined>(SIGN_IN_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!signIn && READ_METHODS.has(request.method.toUpperCase())) return true;
    const client = request.identity?.sub
      ? `user:${request.identity.sub}`
      : `ip:${request.ip ?? '?'}`;
    const counter = signIn ? this.signIns : this.writes;
    const verdict = counter.hit(client);
    if (verdict.allowed) return true;
    const retryAfter = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    context.switchToHttp().getResponse<HttpResponse>().header('Retry-After', String(retryAfter));
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
