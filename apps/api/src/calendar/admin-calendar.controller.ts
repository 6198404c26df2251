import {
  Body,
  Controller,
  Delete,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Put,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-fastify/multipart';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiTags,
  ApiOkResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
} from '@nestjs/swagger';
import { CurrentUser, type Identity, Roles } from '@onevisit/auth';
import { CalendarService, parseCalendarDay } from '@onevisit/calendar';
import { ApiSignedIn } from '../http/openapi-errors.js';
import { PutCalendarDayDto } from './calendar-day.dto.js';
import { checkedRegion } from './calendar.controller.js';
import { invalid, yearsOfImport } from './calendar-import.request.js';

/** The largest calendar text accepted: a year is a few kilobytes. */
const MAX_IMPORT_BYTES = 1_000_000;

interface ImportRequest {
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  body: unknown;
}

interface UploadedPart {
  buffer: Buffer;
  originalname: string;
}

/** Maintaining the working-day calendar (role admin). */
@ApiTags('admin')
@Roles('admin')
@Controller('admin/calendar')
export class AdminCalendarController {
  constructor(private readonly calendars: CalendarService) {}

  @Post('import')
  @ApiConsumes('application/json', 'text/csv', 'multipart/form-data')
  @ApiBody({
    description:
      'A calendar file (JSON, see workflows/calendar/calendar.schema.json); or CSV `date,kind,name` with ' +
      'region, year, sourceTitle, sourceIssuer, sourceDate (and sourceUrl) as query parameters; or multipart ' +
      'with field `file` (.json or .csv) and those fields',
    schema: { type: 'object' },
  })
  @ApiOperation({
    summary: 'Import (replace) whole years; 400 naming line/field and nothing written on any error',
  })
  @ApiSignedIn(400, 413)
  @ApiCreatedResponse({ description: 'Imported' })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES } }))
  async import(
    @Req() request: ImportRequest,
    @CurrentUser() user: Identity,
    @UploadedFile() file?: UploadedPart,
  ) {
    const contentType = String(request.headers['content-type'] ?? '').toLowerCase();
    let text: string | null = file ? file.buffer.toString('utf8') : null;
    // A CSV body arrives as text (the API's text/csv parser, limited like every body).
    if (!file && contentType.startsWith('text/csv') && typeof request.body === 'string') {
      text = request.body;
    }
    const years = yearsOfImport({
      contentType,
      body: request.body,
      query: request.query,
      text,
      fileName: file ? file.originalname : null,
    });
    const change = await this.calendars.importYears(years, user.sub);
    return {
      years: years.map((year) => ({
        region: year.region,
        year: year.year,
        source: year.source,
        days: year.days.length,
      })),
      change,
      warning: this.calendars.warning(),
    };
  }

  @Put(':region/days/:date')
  @ApiOperation({
    summary: 'Create or replace one listed day (409 when the national year is not loaded)',
  })
  @ApiSignedIn(400, 409)
  @ApiOkResponse({ description: 'Success' })
  async putDay(
    @Param('region') region: string,
    @Param('date') date: string,
    @Body() body: PutCalendarDayDto,
    @CurrentUser() user: Identity,
  ) {
    const parsed = parseCalendarDay(checkedRegion(region), date, body);
    if (!parsed.ok) throw invalid(parsed.errors);
    const change = await this.calendars.putDay(region, parsed.day, user.sub);
    return { region, day: parsed.day, change };
  }

  @Delete(':region/days/:date')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove one listed day: the date counts as a plain weekday/weekend again',
  })
  @ApiSignedIn(400, 404, 409)
  @ApiNoContentResponse({ description: 'Removed' })
  async deleteDay(
    @Param('region') region: string,
    @Param('date') date: string,
    @CurrentUser() user: Identity,
  ): Promise<void> {
    checkedRegion(region);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw invalid([{ field: 'date', message: 'must be a date YYYY-MM-DD' }]);
    }
    const change = await this.calendars.deleteDay(region, date, user.sub);
    if (!change) throw new NotFoundException(`${date} is not listed for ${region}`);
  }
}
