import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { IncidentEntity, TransactionRunner } from '@onevisit/persistence';
import { jobOptions } from '@onevisit/queues';
import { connectionFailureOf } from '@onevisit/observability';
import { QueuesUnavailable } from '../http/queues-unavailable.error.js';
import { IncidentQueues, isQueueName } from './incident-queues.js';

/** Jobs out of retries (recorded by the worker), listed and retried by admins. */
@Injectable()
export class IncidentsService {
  private readonly logger = new Logger(IncidentsService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly queues: IncidentQueues,
  ) {}

  listOpen(): Promise<IncidentEntity[]> {
    return this.tx.dataSource
      .getRepository(IncidentEntity)
      .find({ where: { resolvedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  /**
   * Runs the job again under its own id, so handlers' idempotency (keyed by job id) still
   * holds: the failed job is retried in place; one already removed from Redis is re-added.
   */
  async retry(id: string, by: string): Promise<IncidentEntity> {
    const repository = this.tx.dataSource.getRepository(IncidentEntity);
    const incident = await repository.findOneBy({ id });
    if (!incident) throw new NotFoundException(`No incident ${id}`);
    if (incident.resolvedAt) throw new ConflictException(`Incident ${id} is already resolved`);
    if (!isQueueName(incident.queue)) {
      throw new ConflictException(`Incident ${id} names an unknown queue "${incident.queue}"`);
    }
    // Redis first: a retry that cannot reach the queue leaves the incident open (503).
    const queue = await this.queues.connected(incident.queue);
    // Claim it: two admins retrying at once must not run the job twice.
    const claimed = await this.tx.run((manager) =>
      manager.update(
        IncidentEntity,
        { id, resolvedAt: IsNull() },
        { resolvedAt: new Date(), resolvedBy: by },
      ),
    );
    if (claimed.affected !== 1) throw new ConflictException(`Incident ${id} is already resolved`);

    let state: string;
    try {
      const job = await queue.getJob(incident.jobId);
      state = job ? await job.getState() : 'missing';
      if (job && (state === 'failed' || state === 'completed')) {
        await job.retry(state);
      } else if (!job) {
        await queue.add(
          incident.jobName,
          incident.payload,
          jobOptions(incident.queue, incident.jobId),
        );
      }
    } catch (error) {
      // The job was not queued again (Redis went away after the claim, say): give the
      // incident back, so that it can be retried.
      await this.tx.run((manager) =>
        manager.update(IncidentEntity, { id }, { resolvedAt: null, resolvedBy: null }),
      );
      this.logger.warn(`incident ${id}: retry failed, incident left open: ${String(error)}`);
      throw connectionFailureOf(error) !== null
        ? new QueuesUnavailable(`job ${incident.jobId} could not be queued again`)
        : error;
    }
    // Waiting, delayed or active: it is already going again; nothing to add.
    this.logger.log(`incident ${id}: job ${incident.jobId} retried by ${by} (was ${state})`);
    return { ...incident, resolvedAt: new Date(), resolvedBy: by };
  }
}
