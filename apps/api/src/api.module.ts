import { type DynamicModule, Module } from '@nestjs/common';

/** A module another process shape adds beside the API (the embedded default adds the worker). */
export type ModuleImport = NonNullable<DynamicModule['imports']>[number];
import { AuthModule } from '@onevisit/auth';
import { CatalogueModule } from '@onevisit/catalogue';
import { type AppConfig, ConfigModule } from '@onevisit/config';
import { PersistenceModule } from '@onevisit/persistence';
import { EngineModule } from '@onevisit/engine';
import { CasesController } from './cases/cases.controller.js';
import { TasksController } from './tasks/tasks.controller.js';
import { AdminBundlesController } from './controllers/admin-bundles.controller.js';
import { HealthController } from './controllers/health.controller.js';
import { PublicCatalogueController } from './controllers/public-catalogue.controller.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { LicencesApiModule } from './licences/licences-api.module.js';

/** The HTTP API. Independent of the worker: queues and processors come only through `extraImports`. */
@Module({})
export class ApiModule {
  static forRoot(config?: AppConfig, extraImports: ModuleImport[] = []): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot(),
        AuthModule,
        CatalogueModule,
        EngineModule,
        IncidentsModule,
        LicencesApiModule,
        ...extraImports,
      ],
      controllers: [
        HealthController,
        PublicCatalogueController,
        AdminBundlesController,
        CasesController,
        TasksController,
      ],
    };
  }
}
