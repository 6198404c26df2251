import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CalendarModule } from '@onevisit/calendar';
import { AdminCalendarController } from './admin-calendar.controller.js';
import { CalendarGapInterceptor } from './calendar-gap.interceptor.js';
import { CalendarController } from './calendar.controller.js';

/**
 * The calendar endpoints, and the 409 for any command that meets a year without data.
 * The boot-time warning about a missing coming year is logged by CalendarService itself,
 * so the worker logs it too.
 */
@Module({
  imports: [CalendarModule],
  controllers: [CalendarController, AdminCalendarController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: CalendarGapInterceptor }],
})
export class CalendarApiModule {}
