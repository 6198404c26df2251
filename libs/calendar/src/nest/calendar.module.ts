import { Module } from '@nestjs/common';
import { calendarSettingsFromEnv, CALENDAR_SETTINGS } from './calendar-settings.js';
import { CalendarService } from './calendar.service.js';
import { CalendarStore } from './calendar.store.js';

/**
 * The working-day calendar on the database. Needs PersistenceModule.forRoot in the
 * application. Settings come from the environment (see `calendarSettingsFromEnv`).
 */
@Module({
  providers: [
    CalendarStore,
    CalendarService,
    { provide: CALENDAR_SETTINGS, useFactory: () => calendarSettingsFromEnv() },
  ],
  exports: [CalendarService, CALENDAR_SETTINGS],
})
export class CalendarModule {}
