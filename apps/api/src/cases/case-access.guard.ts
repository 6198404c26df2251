import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { IDENTITY_KEY, type Identity } from '@onevisit/auth';
import { CaseService } from '@onevisit/engine';
import { visibleCase } from './case-access.js';

/**
 * Case-level access checked before the handler runs. Needed for event streams: once a
 * stream handler starts, the 200 and its headers may already be on the wire, so a
 * refusal thrown inside it would arrive too late to be a 403.
 */
@Injectable()
export class CaseAccessGuard implements CanActivate {
  constructor(private readonly cases: CaseService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<{ params: Record<string, string>; [IDENTITY_KEY]?: Identity }>();
    const identity = request[IDENTITY_KEY];
    const id = request.params.id;
    if (!identity || !id) return false;
    // NotFound / Forbidden propagate as 404 / 403.
    visibleCase(await this.cases.get(id), identity);
    return true;
  }
}
