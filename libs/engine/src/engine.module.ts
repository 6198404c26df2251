import { Module } from '@nestjs/common';
import { AppConfig } from '@onevisit/config';
import { CatalogueModule } from '@onevisit/catalogue';
import { CaseDefinitions } from './case-definitions.js';
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
  imports: [CatalogueModule],
  providers: [
    CaseDefinitions,
    CaseService,
    CaseMaterialsService,
    TaskService,
    { provide: WorkingTime, useFactory: () => new WorkingTime() },
    {
      provide: FileStore,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new FileStore(config.varDir),
    },
  ],
  exports: [
    CaseService,
    CaseMaterialsService,
    TaskService,
    CaseDefinitions,
    WorkingTime,
    FileStore,
  ],
})
export class EngineModule {}
