import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Identity, Roles } from '@onevisit/auth';
import { FileComplaintDto, ForwardComplaintDto, ReplyComplaintDto } from './complaint.dto.js';
import { ComplaintsService, type ComplaintView } from './complaints.service.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { Idempotent } from '../http/idempotency/idempotent.decorator.js';

/** 有诉即办: file, follow, reply to and forward complaints. */
@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ description: 'The complaint, with its department and reply deadline' })
  @Roles('applicant', 'clerk')
  @ApiOperation({
    summary: 'File a complaint on a case or on the service (a clerk may file for an applicant)',
  })
  file(@Body() body: FileComplaintDto, @CurrentUser() user: Identity): Promise<ComplaintView> {
    return this.complaints.file(body, user);
  }

  @Get()
  @Roles('applicant', 'clerk', 'officer', 'supervisor', 'admin')
  @ApiOperation({ summary: "The caller's complaints: own, filed, the department's, or all" })
  list(@CurrentUser() user: Identity): Promise<ComplaintView[]> {
    return this.complaints.list(user);
  }

  @Get(':id')
  @Roles('applicant', 'clerk', 'officer', 'supervisor', 'admin')
  get(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() user: Identity,
  ): Promise<ComplaintView> {
    return this.complaints.get(id, user);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({
    summary: "Reply, as an officer of the complaint's department (shown to the applicant)",
  })
  reply(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ReplyComplaintDto,
    @CurrentUser() user: Identity,
  ): Promise<ComplaintView> {
    return this.complaints.reply(id, body.reply, user);
  }

  @Post(':id/forward')
  @HttpCode(200)
  @Roles('officer')
  @ApiOperation({ summary: 'Forward to the department responsible (recorded; the deadline stays)' })
  forward(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ForwardComplaintDto,
    @CurrentUser() user: Identity,
  ): Promise<ComplaintView> {
    return this.complaints.forward(id, body, user);
  }
}
