import {
  Body,
  Controller,
  Get,
  HttpCode,
  type MessageEvent,
  Param,
  Post,
  Sse,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  distinctUntilChanged,
  from,
  interval,
  map,
  type Observable,
  startWith,
  switchMap,
} from 'rxjs';
import { CurrentUser, type Identity, Roles } from '@onevisit/auth';
import type { CaseEvent } from '@onevisit/definitions';
import { CaseMaterialsService, CaseService, type CaseView, UPLOAD_LIMITS } from '@onevisit/engine';
import { userActor, visibleCase } from './case-access.js';
import { CaseAccessGuard } from './case-access.guard.js';
import {
  DeliverDto,
  IntakeDto,
  MaterialDto,
  RatingDto,
  ResubmitDto,
  StartCaseDto,
  WithdrawDto,
} from './case.dto.js';
import { fieldError } from './field-error.js';
import { ApiErrors, ApiSignedIn } from '../http/openapi-errors.js';
import { CaseViewBody } from '../http/openapi-schemas.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { Idempotent } from '../http/idempotency/idempotent.decorator.js';

/** The parts of an uploaded file the API reads (the multipart interceptor's file object). */
interface UploadedPart {
  buffer: Buffer;
  mimetype: string;
}

/** How often an open live-update stream checks the case version. */
const LIVE_POLL_MS = 500;

/** Cases (办件) for applicants and the integrated window: start, intake, track, deliver, rate. */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CaseService,
    private readonly materials: CaseMaterialsService,
  ) {}

  @Post()
  @Idempotent()
  @Roles('applicant', 'clerk')
  @ApiCreatedResponse({ type: CaseViewBody, description: 'The new case' })
  @ApiSignedIn(400, 404, 409)
  @ApiOperation({
    summary: 'Start a case on the latest published version (a clerk may act for an applicant)',
  })
  start(@Body() body: StartCaseDto, @CurrentUser() user: Identity): Promise<CaseView> {
    return this.cases.start(
      {
        bundleCode: body.bundleCode,
        answers: body.answers,
        ...(body.pledges ? { pledges: body.pledges } : {}),
        ...(body.applicant ? { applicant: { ...body.applicant } } : {}),
      },
      user.roles.includes('clerk') && body.applicant
        ? { kind: 'user', identity: user, proxyFor: body.applicant.sub }
        : userActor(user),
    );
  }

  @Get()
  @Roles('applicant', 'clerk', 'supervisor', 'admin')
  @ApiOkResponse({ type: [CaseViewBody] })
  @ApiSignedIn()
  @ApiOperation({ summary: 'Applicants: their own cases; clerks: the cases of their window' })
  list(@CurrentUser() user: Identity): Promise<CaseView[]> {
    if (
      user.roles.includes('clerk') ||
      user.roles.includes('supervisor') ||
      user.roles.includes('admin')
    ) {
      return this.cases.list(
        user.roles.includes('clerk') && user.window ? { window: user.window } : {},
      );
    }
    return this.cases.list({ applicantSub: user.sub });
  }

  @Get(':id')
  @Roles('applicant', 'clerk', 'officer', 'supervisor', 'admin')
  @ApiOkResponse({ type: CaseViewBody })
  @ApiSignedIn(400, 404)
  @ApiOperation({
    summary: 'Tracking: state, items with due dates, what the applicant must do, timeline',
  })
  async get(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() user: Identity,
  ): Promise<CaseView> {
    return visibleCase(await this.cases.get(id), user);
  }

  @Sse(':id/events')
  @UseGuards(CaseAccessGuard)
  @Roles('applicant', 'clerk', 'officer', 'supervisor', 'admin')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'A stream of `event: case` messages whose `data` is the case view (JSON) and `id` its version',
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          example: 'event: case\nid: 2\ndata: {"id":"…","status":"intake"}\n\n',
        },
      },
    },
  })
  @ApiSignedIn(400, 404)
  @ApiOperation({
    summary: 'Live updates (Server-Sent Events): the case view each time its version changes',
  })
  async events(
    @Param('id', UuidParamPipe) id: string,
    @CurrentUser() user: Identity,
  ): Promise<Observable<MessageEvent>> {
    // Access is checked once, before the stream opens.
    visibleCase(await this.cases.get(id), user);
    return interval(LIVE_POLL_MS).pipe(
      startWith(0),
      switchMap(() => from(this.cases.versionOf(id))),
      distinctUntilChanged(),
      switchMap(() => from(this.cases.get(id))),
      map((view) => ({ type: 'case', id: String(view.version), data: visibleCase(view, user) })),
    );
  }

  @Post(':id/intake')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseViewBody, description: 'The case after the event' })
  @ApiSignedIn(400, 404, 409)
  @Roles('clerk')
  @ApiOperation({ summary: 'Intake decision (受理) once for every department' })
  intake(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: IntakeDto,
    @CurrentUser() user: Identity,
  ): Promise<CaseView> {
    return this.cases.apply(id, intakeEvent(body), userActor(user), versionOption(body));
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseViewBody, description: 'The case after the event' })
  @ApiSignedIn(400, 404, 409)
  @Roles('applicant', 'clerk')
  @ApiOperation({ summary: 'Resubmit after a correction request (补正)' })
  async resubmit(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ResubmitDto,
    @CurrentUser() user: Identity,
  ): Promise<CaseView> {
    const answers = await this.cases.checkedAnswers(id, body.answers);
    return this.cases.apply(
      id,
      { type: 'RESUBMIT', answers, ...(body.pledged ? { pledged: body.pledged } : {}) },
      userActor(user),
      versionOption(body),
    );
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseViewBody, description: 'The case after the event' })
  @ApiSignedIn(400, 404, 409)
  @Roles('applicant', 'clerk')
  @ApiOperation({ summary: 'Withdraw the application (撤回)' })
  withdraw(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: WithdrawDto,
    @CurrentUser() user: Identity,
  ): Promise<CaseView> {
    return this.cases.apply(
      id,
      { type: 'WITHDRAW', ...(body.reason ? { reason: body.reason } : {}) },
      userActor(user),
      versionOption(body),
    );
  }

  @Post(':id/materials')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseViewBody, description: 'The case with the material recorded' })
  @ApiSignedIn(400, 404, 409)
  @ApiErrors(413)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['material'],
      properties: {
        material: { type: 'string', example: 'business-premises-proof' },
        file: { type: 'string', format: 'binary', description: 'The file (checked by content)' },
        licenceNumber: { type: 'string', description: 'Instead of a file: a held licence' },
      },
    },
  })
  @Roles('applicant', 'clerk')
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiOperation({
    summary: 'Hand in a material: a file (multipart field `file`) or a held licence number',
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: UPLOAD_LIMITS.maxBytes } }))
  async material(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: MaterialDto,
    @CurrentUser() user: Identity,
    @UploadedFile() file?: UploadedPart,
  ): Promise<CaseView> {
    visibleCase(await this.cases.get(id), user);
    if (file && body.licenceNumber)
      throw fieldError('licenceNumber', 'give a file or a licence number, not both');
    if (file) {
      return this.materials.submit(
        id,
        { material: body.material, file: { content: file.buffer, contentType: file.mimetype } },
        userActor(user),
      );
    }
    if (!body.licenceNumber) throw fieldError('file', 'a file or a licenceNumber is required');
    return this.materials.submit(
      id,
      { material: body.material, licenceNumber: body.licenceNumber },
      userActor(user),
    );
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseViewBody, description: 'The case after the event' })
  @ApiSignedIn(400, 404, 409)
  @Roles('clerk')
  @ApiOperation({ summary: 'Deliver every result together (送达)' })
  deliver(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: DeliverDto,
    @CurrentUser() user: Identity,
  ): Promise<CaseView> {
    return this.cases.apply(
      id,
      { type: 'DELIVER', method: body.method },
      userActor(user),
      versionOption(body),
    );
  }

  @Post(':id/rating')
  @HttpCode(200)
  @ApiOkResponse({ type: CaseViewBody, description: 'The case after the event' })
  @ApiSignedIn(400, 404, 409)
  @Roles('applicant')
  @ApiOperation({ summary: 'Rate the service (好差评) on five levels' })
  rate(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: RatingDto,
    @CurrentUser() user: Identity,
  ): Promise<CaseView> {
    return this.cases.apply(
      id,
      { type: 'RATE', level: body.level, ...(body.comment ? { comment: body.comment } : {}) },
      userActor(user),
      body.anonymous ? { anonymousRating: true } : {},
    );
  }
}

function intakeEvent(body: IntakeDto): CaseEvent {
  switch (body.decision) {
    case 'accept':
      return { type: 'ACCEPT' };
    case 'accept-with-deficiencies':
      return { type: 'ACCEPT_WITH_DEFICIENCIES', missing: body.missing ?? [] };
    case 'request-correction':
      return {
        type: 'REQUEST_CORRECTION',
        problems: (body.problems ?? []).map((problem) => ({ ...problem })),
      };
    case 'reject':
      return { type: 'REJECT', reason: body.reason ?? '' };
  }
}

const versionOption = (body: { expectedVersion?: number }) =>
  body.expectedVersion === undefined ? {} : { expectedVersion: body.expectedVersion };
