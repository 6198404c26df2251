import { Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { EngineModule } from '@onevisit/engine';
import { IntegrationsModule } from '@onevisit/integrations';
import { LicencesModule } from '@onevisit/licences';
import { OutboxPing, OutboxRelay } from '@onevisit/queues';
import { CaseEventsSender } from './cases/case-events.sender.js';
import { CASE_PORT } from './cases/case-port.js';
import { EngineCasePort } from './cases/engine-case-port.js';
import { PublishedBundles } from './cases/published-bundles.js';
import { IncidentHook } from './incidents/incident-hook.js';
import { IncidentRecorder } from './incidents/incident-recorder.service.js';
import { IdentityCheckJobs } from './jobs/identity-check-jobs.service.js';
import { JobBatches } from './jobs/job-batches.service.js';
import { JobOutbox } from './jobs/job-outbox.js';
import { LicenceIssuing } from './jobs/licence-issuing.js';
import { LicenceJobs } from './jobs/licence-jobs.service.js';
import { NotificationJobs } from './jobs/notification-jobs.service.js';
import { SupervisionJobs } from './jobs/supervision-jobs.service.js';
import { TimerJobs } from './jobs/timer-jobs.service.js';
import { DeadlineJobs } from './jobs/deadline-jobs.service.js';
import { FollowUpJobs } from './jobs/follow-up-jobs.service.js';
import { DataSharingProcessor } from './processors/data-sharing.processor.js';
import { LicencesProcessor } from './processors/licences.processor.js';
import { NotificationsProcessor } from './processors/notifications.processor.js';
import { SupervisionProcessor } from './processors/supervision.processor.js';
import { TimersProcessor } from './processors/timers.processor.js';
import { DeadlinesProcessor } from './processors/deadlines.processor.js';

/**
 * The worker's own parts: one processor per queue, the services they call, the incident
 * hook and the outbox relay. Infrastructure (config, database, queues) comes from the
 * root module that imports this one.
 */
@Module({
  imports: [IntegrationsModule, LicencesModule, EngineModule],
  providers: [
    { provide: CASE_PORT, useClass: EngineCasePort },
    CaseEventsSender,
    PublishedBundles,
    JobOutbox,
    JobBatches,
    LicenceIssuing,
    LicenceJobs,
    NotificationJobs,
    TimerJobs,
    DeadlineJobs,
    FollowUpJobs,
    IdentityCheckJobs,
    SupervisionJobs,
    LicencesProcessor,
    NotificationsProcessor,
    TimersProcessor,
    DeadlinesProcessor,
    DataSharingProcessor,
    SupervisionProcessor,
    IncidentRecorder,
    IncidentHook,
  ],
})
export class WorkerModule implements OnApplicationBootstrap {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly ping: OutboxPing,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.relay.start();
    // Commits in other processes (the API) wake this relay; its poll stays as the fallback.
    await this.ping
      .subscribe(() => this.relay.kick())
      .catch((error: unknown) => {
        new Logger(WorkerModule.name).warn(
          `outbox ping unavailable, relying on the poll: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
  }
}
