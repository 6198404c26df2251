import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@onevisit/auth';
import { AppConfig } from '@onevisit/config';
import { MetricsService } from './metrics.service.js';

/**
 * Prometheus scrape endpoint. Public on the embedded default; in production keep it off
 * the public network, or set METRICS_TOKEN and scrape with that bearer.
 */
@ApiTags('ops')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics (text format); needs `Bearer <METRICS_TOKEN>` when that is set',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description:
      'HTTP latency by route, queue depth, job durations, cases by status, overdue items',
    content: {
      'text/plain': { schema: { type: 'string', example: 'onevisit_cases{status="intake"} 3' } },
    },
  })
  @ApiResponse({ status: 401, description: 'METRICS_TOKEN is set and the bearer does not match' })
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    const expected = this.config.metricsToken;
    if (expected && !bearerMatches(authorization, expected)) {
      throw new UnauthorizedException('Metrics need the METRICS_TOKEN bearer');
    }
    return this.metrics.registry.metrics();
  }
}

/** Whether an `Authorization` header is `Bearer <expected>` (compared in constant time). */
export function bearerMatches(authorization: string | undefined, expected: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
