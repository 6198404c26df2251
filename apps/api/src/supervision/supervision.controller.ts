import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@onevisit/auth';
import { PeriodQueryDto } from './supervision.dto.js';
import { SupervisionService } from './supervision.service.js';

/** Supervision (监管): time limits, on-time rates, ratings and complaints. */
@ApiTags('supervision')
@Roles('supervisor')
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  @Get('deadlines')
  @ApiOperation({ summary: 'Due-soon and overdue items, procedures and deadlines, by department' })
  deadlines() {
    return this.supervision.deadlines();
  }

  @Get('on-time')
  @ApiOperation({ summary: 'On-time completion rate of items, by department and by bundle' })
  onTime(@Query() query: PeriodQueryDto) {
    return this.supervision.onTime(this.supervision.periodOf(query.from, query.to));
  }

  @Get('durations')
  @ApiOperation({ summary: 'Average working days per bundle against its promised limit' })
  durations(@Query() query: PeriodQueryDto) {
    return this.supervision.durations(this.supervision.periodOf(query.from, query.to));
  }

  @Get('ratings')
  @ApiOperation({ summary: 'Rating distribution and open rectification tasks with deadlines' })
  ratings(@Query() query: PeriodQueryDto) {
    return this.supervision.ratings(this.supervision.periodOf(query.from, query.to));
  }

  @Get('complaints')
  @ApiOperation({ summary: 'Complaints: open, replied on time, forwarded, by department' })
  complaints(@Query() query: PeriodQueryDto) {
    return this.supervision.complaints(this.supervision.periodOf(query.from, query.to));
  }
}
