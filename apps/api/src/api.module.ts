import { type DynamicModule, Module } from '@nestjs/common';

/** A module another process shape adds beside the API (the embedded default adds the worker). */
export type ModuleImport = NonNullable<DynamicModule['imports']>[number];
import { AuthModule } from '@onevisit/auth';
import { CatalogueModule } from '@onevisit/catalogue';
import { type AppConfig, ConfigModule } from '@onevisit/config';
import { PersistenceModule } from '@onevisit/persistence';
import { ObservabilityModule } from '@onevisit/observability';
import { QueueName } from '@onevisit/queues';
import { EngineModule } from '@onevisit/engine';
import { CasesController } from './cases/cases.controller.js';
import { CaseAnswersController } from './cases/case-answers.controller.js';
import { PiiAccessController } from './supervision/pii-access.controller.js';
import { TasksController } from './tasks/tasks.controller.js';
import { TaskPageService } from './tasks/task-page.service.js';
import { CaseAnswersReader } from './cases/case-answers.reader.js';
import { AdminBundlesController } from './controllers/admin-bundles.controller.js';
import { AdminBundleStudioController } from './controllers/admin-bundle-studio.controller.js';
import { HealthController } from './controllers/health.controller.js';
import { PublicCatalogueController } from './controllers/public-catalogue.controller.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { LicencesApiModule } from './licences/licences-api.module.js';
import { SupervisionModule } from './supervision/supervision.module.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { CalendarApiModule } from './calendar/calendar-api.module.js';
import { ADMIN_CATALOGUE_CONTROLLERS } from './catalogue/admin-catalogue.controller.js';
import { IdempotencyModule } from './http/idempotency/idempotency.module.js';

/** The HTTP API. Independent of the worker: queues and processors come only through `extraImports`. */
@Module({})
export class ApiModule {
  static forRoot(config?: AppConfig, extraImports: ModuleImport[] = []): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ queues: Object.values(QueueName) }),
        PersistenceModule.forRoot(),
        AuthModule,
        CatalogueModule,
        EngineModule,
        IdempotencyModule,
        IncidentsModule,
        LicencesApiModule,
        SupervisionModule,
        ComplaintsModule,
        CalendarApiModule,
        ...extraImports,
      ],
      providers: [CaseAnswersReader, TaskPageService],
      controllers: [
        HealthController,
        PublicCatalogueController,
        AdminBundlesController,
        AdminBundleStudioController,
        ...ADMIN_CATALOGUE_CONTROLLERS,
        CasesController,
        CaseAnswersController,
        PiiAccessController,
        TasksController,
      ],
    };
  }
}
