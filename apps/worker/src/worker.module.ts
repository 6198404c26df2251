import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { IntegrationsModule } from '@onevisit/integrations';
import { OutboxRelay } from '@onevisit/queues';
import { SupervisionProcessor } from './processors/supervision.processor.js';

/**
 * The worker's own parts: processors and the outbox relay. Infrastructure (config,
 * database, queues) comes from the root module that imports this one.
 */
@Module({
  imports: [IntegrationsModule],
  providers: [SupervisionProcessor],
})
export class WorkerModule implements OnApplicationBootstrap {
  constructor(private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }
}
