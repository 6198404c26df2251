import { BadRequestException, Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { fieldError } from '../cases/field-error.js';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Roles } from '@onevisit/auth';
import { CalendarService, REGION_PATTERN, type CalendarWarning } from '@onevisit/calendar';
import { CalendarDayEntity } from '@onevisit/persistence';
import { DataSource } from 'typeorm';
import { ApiSignedIn } from '../http/openapi-errors.js';
import { calendarYearKind, CalendarYearsBody } from './calendar-years.bodies.js';

export function checkedRegion(region: string): string {
  if (!REGION_PATTERN.test(region)) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'region must be a region code such as CN or CN-110101',
      errors: [{ field: 'region', message: 'must be a region code such as CN or CN-110101' }],
    });
  }
  return region;
}

/** Reading the working-day calendar: any signed-in staff member. */
@ApiTags('calendar')
@Roles('clerk', 'officer', 'admin', 'supervisor')
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly calendars: CalendarService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('warnings')
  @ApiOperation({
    summary: `Years without data within N days (query days, default CALENDAR_WARN_DAYS = 60)`,
  })
  @ApiSignedIn(400)
  @ApiOkResponse({ description: 'Success' })
  warnings(@Query('days') days?: string): CalendarWarning {
    if (days !== undefined && !/^\d{1,4}$/.test(days)) {
      throw fieldError('days', 'must be a whole number of days (0–9999)');
    }
    return this.calendars.warning(new Date(), days === undefined ? undefined : Number(days));
  }

  @Get(':region/years')
  @ApiOperation({
    summary:
      'The loaded years of a region, each official or provisional, with its source notice; and the years missing ahead',
  })
  @ApiSignedIn(400)
  @ApiOkResponse({ type: CalendarYearsBody })
  years(@Param('region') region: string) {
    checkedRegion(region);
    return {
      region,
      years: this.calendars.years(region).map(({ year, source, loadedAt, loadedBy }) => ({
        year,
        kind: calendarYearKind(source),
        source,
        loadedAt,
        loadedBy,
      })),
      warning: this.calendars.warning(),
    };
  }

  @Get(':region/years/:year/days')
  @ApiOperation({
    summary: 'The listed days (holidays, make-up working days) of a region and year',
  })
  @ApiSignedIn(400)
  @ApiOkResponse({ description: 'Success' })
  async days(@Param('region') region: string, @Param('year', ParseIntPipe) year: number) {
    checkedRegion(region);
    const days = await this.dataSource.manager.find(CalendarDayEntity, {
      where: { region, year },
      order: { date: 'ASC' },
    });
    return {
      region,
      year,
      days: days.map(({ date, kind, name, nameEn, source }) => ({
        date,
        kind,
        name,
        nameEn,
        source,
      })),
    };
  }

  @Get(':region/due')
  @ApiOperation({
    summary:
      'The date a limit of `days` working days started at `from` ends (409 when it runs into a year without data)',
  })
  @ApiSignedIn(400, 409)
  @ApiOkResponse({ description: 'Success' })
  due(@Param('region') region: string, @Query('from') from: string, @Query('days') text: string) {
    checkedRegion(region);
    if (typeof from !== 'string' || from === '') throw fieldError('from', 'is required');
    if (typeof text !== 'string' || !/^-?\d{1,6}$/.test(text)) {
      throw fieldError('days', 'must be a whole number of working days');
    }
    const days = Number(text);
    try {
      return {
        region,
        from,
        days,
        due: this.calendars.calendarFor(region).addWorkingDays(from, days),
      };
    } catch (error) {
      // The calendar says which input it could not use: a limit of days, or the start.
      if (error instanceof RangeError) {
        throw fieldError(/\bdays?\b|limit/i.test(error.message) ? 'days' : 'from', error.message);
      }
      throw error;
    }
  }
}
