import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IDENTITY_KEY, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators.js';
import type { Role } from './identity.js';
import { InvalidTokenError, TokenService } from './token.service.js';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
  [IDENTITY_KEY]?: unknown;
}

/**
 * Global guard: every route needs a valid bearer token unless marked `@Public()`, and
 * the roles named by `@Roles()`. Identities come only from verified tokens.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<HttpRequest>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedException('A bearer token is required');
    let identity;
    try {
      identity = await this.tokens.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw new UnauthorizedException(`Invalid token: ${error.message}`);
      throw error;
    }
    request[IDENTITY_KEY] = identity;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.some((role) => identity.roles.includes(role))) {
      throw new ForbiddenException(`Requires one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
