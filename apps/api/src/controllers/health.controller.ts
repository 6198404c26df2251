import { Controller, Get } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '@onevisit/auth';
import { ReadinessService } from '@onevisit/observability';

const CHECK_EXAMPLE = {
  status: 'ok',
  info: { process: { status: 'up' }, database: { status: 'up' }, redis: { status: 'up' } },
  error: {},
  details: { process: { status: 'up' }, database: { status: 'up' }, redis: { status: 'up' } },
};

/** Probes for orchestrators and load balancers; public, never rate limited. */
@ApiTags('ops')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Short readiness answer: 200 { status: "ok" } when ready, 503 otherwise',
  })
  @ApiOkResponse({
    schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } },
  })
  @ApiServiceUnavailableResponse({ description: 'Not ready: see /health/ready for details' })
  async summary(): Promise<{ status: 'ok' }> {
    await this.health.check(this.readiness.checks());
    return { status: 'ok' };
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers (restart it when this fails)' })
  @ApiOkResponse({
    schema: { type: 'object', example: { status: 'ok', info: {}, error: {}, details: {} } },
  })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: database, Redis and (where this process runs them) the queue workers',
  })
  @ApiOkResponse({ schema: { type: 'object', example: CHECK_EXAMPLE } })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down, or the process is shutting down',
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check(this.readiness.checks());
  }
}
