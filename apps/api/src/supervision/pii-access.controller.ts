import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '@onevisit/auth';
import { addCalendarDays } from '@onevisit/calendar';
import { decodeAccessLogCursor, PiiAccessLog, type PiiAccessPage } from '@onevisit/pii';
import { fieldError } from '../cases/field-error.js';
import { ApiSignedIn } from '../http/openapi-errors.js';
import { PiiAccessQueryDto } from './pii-access.dto.js';

class PiiAccessFieldBody {
  @ApiProperty({ example: 'applicantIdNumber' }) key: string;
  @ApiProperty({ enum: ['full', 'masked'] }) shown: string;
}

class PiiAccessEntryBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'mr-1' }) readerSub: string;
  @ApiProperty({ type: [String], example: ['officer'] }) readerRoles: string[];
  @ApiProperty({ nullable: true, type: String, example: 'market-regulation' })
  readerDepartment: string | null;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: [PiiAccessFieldBody] }) fields: PiiAccessFieldBody[];
  @ApiProperty({ example: 'GET /cases/:id/answers', description: 'The route that read them' })
  purpose: string;
  @ApiProperty({ type: String, format: 'date-time' }) accessedAt: Date;
}

class PiiAccessPageBody {
  @ApiProperty({ type: [PiiAccessEntryBody], description: 'Newest first' })
  items: PiiAccessEntryBody[];
  @ApiProperty({ description: 'Reads matching the filters, on every page' }) total: number;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Pass as cursor; null on the last page',
  })
  nextCursor: string | null;
}

/** The access log of personal data (个人信息访问记录), for supervisors. */
@ApiTags('supervision')
@Roles('supervisor')
@Controller('supervision/pii-access')
export class PiiAccessController {
  constructor(private readonly accessLog: PiiAccessLog) {}

  @Get()
  @ApiOkResponse({ type: PiiAccessPageBody })
  @ApiSignedIn(400)
  @ApiOperation({
    summary:
      'Staff reads of personal data: who, when, which case, which fields, which route; by case, reader, department and period (Beijing days), newest first, a page at a time',
  })
  list(@Query() query: PiiAccessQueryDto): Promise<PiiAccessPage> {
    const after = query.cursor === undefined ? undefined : decodeAccessLogCursor(query.cursor);
    if (after === null) throw fieldError('cursor', "must be a previous page's nextCursor");
    if (query.from && query.to && query.from > query.to) {
      throw fieldError('to', 'must not be before from');
    }
    return this.accessLog.page({
      ...(query.caseId ? { caseId: query.caseId } : {}),
      ...(query.reader ? { readerSub: query.reader } : {}),
      ...(query.department ? { department: query.department } : {}),
      ...(query.from ? { from: beijingMidnight(query.from) } : {}),
      ...(query.to ? { until: beijingMidnight(addCalendarDays(query.to, 1)) } : {}),
      ...(after ? { after } : {}),
      limit: query.limit ?? 100,
    });
  }
}

/** The start of a day on the service's wall clock (Asia/Shanghai: UTC+8 all year). */
function beijingMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}
