import { Module } from '@nestjs/common';
import { CatalogueModule } from '@onevisit/catalogue';
import { EngineModule } from '@onevisit/engine';
import { SupervisionController } from './supervision.controller.js';
import { SupervisionTablesController } from './supervision-tables.controller.js';
import { SupervisionTablesService } from './supervision-tables.service.js';
import { SupervisionService } from './supervision.service.js';

@Module({
  imports: [EngineModule, CatalogueModule],
  providers: [SupervisionService, SupervisionTablesService],
  controllers: [SupervisionController, SupervisionTablesController],
})
export class SupervisionModule {}
