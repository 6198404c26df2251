import { Module } from '@nestjs/common';
import { AppConfig } from '@onevisit/config';
import { CalendarModule, CalendarService } from '@onevisit/calendar';
import { CatalogueModule } from '@onevisit/catalogue';
import { PiiModule } from '@onevisit/pii';
import { OutboxPing } from '@onevisit/queues';
import { CaseCipher } from './case-cipher.js';
import { CaseDefinitions } from './case-definitions.js';
import { ClockRecomputer } from './clocks/clock-recomputer.service.js';
import { CaseMaterialsService } from './case-materials.service.js';
import { CaseService } from './case.service.js';
import { FileStore } from './file-store.js';
import { TaskService } from './task.service.js';
import { WorkingTime } from './working-time.js';

/**
 * The case engine. Needs the global config and persistence modules (ConfigModule,
 * PersistenceModule.forRoot) in the application that imports it.
 */
@Module({
  imports: [CatalogueModule, PiiModule, CalendarModule],
  providers: [
    CaseCipher,
    CaseDefinitions,
    CaseService,
    CaseMaterialsService,
    TaskService,
    // Stored due dates follow calendar changes.
    ClockRecomputer,
    // Due dates count on the holiday calendar from the database (rebuilt on change); a date
    // in a year without data throws CalendarGapError ("no calendar for 2027"), never a guess.
    {
      provide: WorkingTime,
      inject: [CalendarService],
      useFactory: (calendars: CalendarService) => new WorkingTime(calendars.live),
    },
    // After each commit the engine pings the outbox relays of every process (worker).
    {
      provide: OutboxPing,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new OutboxPing(config.redisUrl, config.queuePrefix),
    },
    {
      provide: FileStore,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new FileStore(config.varDir),
    },
  ],
  exports: [
    CaseCipher,
    CaseService,
    CaseMaterialsService,
    TaskService,
    CaseDefinitions,
    WorkingTime,
    FileStore,
    OutboxPing,
  ],
})
export class EngineModule {}
