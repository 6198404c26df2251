import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Identity, Roles } from '@onevisit/auth';
import { IncidentsService } from './incidents.service.js';

/** Jobs that exhausted their retries. */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @ApiOperation({ summary: 'Open incidents: jobs that failed on their last attempt' })
  list() {
    return this.incidents.listOpen();
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run the job again under the same job id and mark the incident resolved',
  })
  retry(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: Identity) {
    return this.incidents.retry(id, user.sub);
  }
}
