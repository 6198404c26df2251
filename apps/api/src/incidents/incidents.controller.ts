import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Identity, Roles } from '@onevisit/auth';
import { IncidentsService } from './incidents.service.js';
import { ApiSignedIn } from '../http/openapi-errors.js';
import { IncidentBody } from '../http/openapi-schemas.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

/** Jobs that exhausted their retries. */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @ApiOkResponse({ type: [IncidentBody] })
  @ApiSignedIn()
  @ApiOperation({ summary: 'Open incidents: jobs that failed on their last attempt' })
  list() {
    return this.incidents.listOpen();
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentBody, description: 'The incident, now resolved' })
  @ApiSignedIn(400, 404, 409)
  @ApiOperation({
    summary: 'Run the job again under the same job id and mark the incident resolved',
  })
  retry(@Param('id', UuidParamPipe) id: string, @CurrentUser() user: Identity) {
    return this.incidents.retry(id, user.sub);
  }
}
