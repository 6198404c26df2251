import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Identity, Role } from './identity.js';

export const IS_PUBLIC = 'onevisit:public';
export const REQUIRED_ROLES = 'onevisit:roles';

/** The route (or controller) needs no token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these roles. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** Request property the guard stores the verified identity in. */
export const IDENTITY_KEY = 'identity';

/** The verified identity of the caller (undefined on a public route without a token). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Identity | undefined => {
    const request = context.switchToHttp().getRequest<Record<string, unknown>>();
    return request[IDENTITY_KEY] as Identity | undefined;
  },
);
