import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Identity, Roles } from '@onevisit/auth';
import { CaseService } from '@onevisit/engine';
import { visibleCase } from './case-access.js';
import { CaseAnswersReader, type CaseAnswersView } from './case-answers.reader.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';

export type { CaseAnswersView } from './case-answers.reader.js';

/** Route recorded in the access log for reads through this controller. */
const PURPOSE = 'GET /cases/:id/answers';

/** The form answers of a case, masked as the caller's role needs (see CaseAnswersReader). */
@ApiTags('cases')
@Controller('cases')
export class CaseAnswersController {
  constructor(
    private readonly cases: CaseService,
    private readonly reader: CaseAnswersReader,
  ) {}

  @Get(':id/answers')
  @Roles('applicant', 'clerk', 'officer', 'supervisor', 'admin')
  @ApiOperation({
    summary:
      'The form answers; personal data masked for roles that do not need it, staff reads logged',
  })
  async answers(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() user: Identity,
  ): Promise<CaseAnswersView> {
    return this.reader.read(visibleCase(await this.cases.get(id), user), user, PURPOSE);
  }
}
