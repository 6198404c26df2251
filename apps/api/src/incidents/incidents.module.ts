import { Module } from '@nestjs/common';
import { IncidentQueues } from './incident-queues.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsService } from './incidents.service.js';

@Module({
  providers: [IncidentQueues, IncidentsService],
  controllers: [IncidentsController],
})
export class IncidentsModule {}
