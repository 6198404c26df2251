import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@onevisit/auth';
import type { PiiAccessLogEntity } from '@onevisit/persistence';
import { PiiAccessLog } from '@onevisit/pii';
import { PiiAccessQueryDto } from './pii-access.dto.js';

/** The access log of personal data (个人信息访问记录), for supervisors. */
@ApiTags('supervision')
@Roles('supervisor')
@Controller('supervision/pii-access')
export class PiiAccessController {
  constructor(private readonly accessLog: PiiAccessLog) {}

  @Get()
  @ApiOperation({
    summary: 'Staff reads of personal data: who, when, which case, which fields, which route',
  })
  list(@Query() query: PiiAccessQueryDto): Promise<PiiAccessLogEntity[]> {
    return this.accessLog.find({
      ...(query.caseId ? { caseId: query.caseId } : {}),
      ...(query.reader ? { readerSub: query.reader } : {}),
      ...(query.limit ? { limit: query.limit } : {}),
    });
  }
}
