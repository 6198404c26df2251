import { Module } from '@nestjs/common';
import { EngineModule } from '@onevisit/engine';
import { SupervisionController } from './supervision.controller.js';
import { SupervisionService } from './supervision.service.js';

@Module({
  imports: [EngineModule],
  providers: [SupervisionService],
  controllers: [SupervisionController],
})
export class SupervisionModule {}
