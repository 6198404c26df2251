import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Identity, Roles } from '@onevisit/auth';
import { AppConfig } from '@onevisit/config';
import {
  DASHBOARD_COOKIE,
  DASHBOARD_PATH,
  DASHBOARD_SESSION_SECONDS,
  issueDashboardSession,
} from './dashboard-session.js';
import { SignInRoute } from './rate-limit.guard.js';

/** Fastify's reply. */
interface CookieSetter {
  header(name: string, value: string): unknown;
}

/** Trades an admin bearer token for a short-lived cookie that opens the queue dashboard in a browser. */
@ApiTags('ops')
@Controller('admin/queues')
export class DashboardSessionController {
  constructor(private readonly config: AppConfig) {}

  @Post('session')
  @HttpCode(204)
  @Roles('admin')
  @SignInRoute()
  @ApiOperation({
    summary: `Queue dashboard session: sets an HttpOnly cookie valid ${DASHBOARD_SESSION_SECONDS / 60} minutes for ${DASHBOARD_PATH}`,
  })
  @ApiNoContentResponse({ description: 'Cookie set; open /admin/queues in the same browser' })
  @ApiResponse({ status: 401, description: 'No or invalid bearer token' })
  @ApiResponse({ status: 403, description: 'Not an admin' })
  @ApiResponse({ status: 429, description: 'Too many sign-in attempts' })
  session(
    @CurrentUser() user: Identity,
    @Req() request: { protocol?: string },
    @Res({ passthrough: true }) response: CookieSetter,
  ): void {
    const value = issueDashboardSession(this.config.jwt.secret, user.sub);
    const attributes = [
      `${DASHBOARD_COOKIE}=${value}`,
      `Path=${DASHBOARD_PATH}`,
      `Max-Age=${DASHBOARD_SESSION_SECONDS}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(request.protocol === 'https' ? ['Secure'] : []),
    ];
    response.header('Set-Cookie', attributes.join('; '));
  }
}
