import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { CaseEntity, CaseItemEntity, IncidentEntity } from '@onevisit/persistence';
import { MetricsService } from './metrics.service.js';
import { connectedNow, connectedQueues } from './queue-connection.js';
import { QueueRegistry } from './queue-registry.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * Business and queue gauges, read at scrape time (nothing to keep in sync), and job
 * durations from the workers' own events: one place for every processor.
 */
@Injectable()
export class QueueMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly metrics: MetricsService,
    private readonly registry: QueueRegistry,
    private readonly dataSource: DataSource,
  ) {
    metrics.scrapedGauge(
      'onevisit_queue_jobs',
      'Jobs per queue and state (waiting, active, delayed, failed)',
      ['queue', 'state'],
      async (set) => {
        // A count sent while Redis is down would wait for it to come back, and the scrape
        // with it (every metric, HTTP ones included, missing for the outage; the waiting
        // command holding the process's shutdown): those queues' job gauges are left out.
        for (const queue of await connectedQueues(this.registry.queues())) {
          const counts = await queue.getJobCounts(...JOB_STATES);
          for (const state of JOB_STATES) set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    );
    metrics.scrapedGauge(
      'onevisit_queue_connected',
      "Whether the queue's Redis connection is up (1) or down (0)",
      ['queue'],
      async (set) => {
        for (const queue of this.registry.queues()) {
          set({ queue: queue.name }, (await connectedNow(queue)) ? 1 : 0);
        }
      },
    );
    metrics.scrapedGauge('onevisit_cases', 'Cases by status', ['status'], async (set) => {
      const rows = await this.dataSource
        .getRepository(CaseEntity)
        .createQueryBuilder('c')
        .select('c.status', 'status')
        .addSelect('COUNT(*)', 'count')
        .groupBy('c.status')
        .getRawMany<{ status: string; count: string | number }>();
      for (const row of rows) set({ status: row.status }, Number(row.count));
    });
    metrics.scrapedGauge(
      'onevisit_overdue_items',
      'Open case items past their due date, by department',
      ['department'],
      async (set) => {
        for (const row of await this.overdueItems())
          set({ department: row.department }, Number(row.count));
      },
    );
    metrics.scrapedGauge(
      'onevisit_open_incidents',
      'Jobs that failed on their last attempt and wait for an admin, by queue',
      ['queue'],
      async (set) => {
        const rows = await this.dataSource
          .getRepository(IncidentEntity)
          .createQueryBuilder('i')
          .select('i.queue', 'queue')
          .addSelect('COUNT(*)', 'count')
          .where('i.resolvedAt IS NULL')
          .groupBy('i.queue')
          .getRawMany<{ queue: string; count: string | number }>();
        for (const row of rows) set({ queue: row.queue }, Number(row.count));
      },
    );
  }

  onApplicationBootstrap(): void {
    for (const worker of this.registry.workers()) {
      worker.on('completed', (job: Job) => this.finished(job, 'completed'));
      worker.on('failed', (job: Job | undefined) => {
        if (job) this.finished(job, 'failed');
      });
    }
  }

  private finished(job: Job, outcome: 'completed' | 'failed'): void {
    const labels = { queue: job.queueName, job: job.name, outcome };
    this.metrics.jobsFinished.inc(labels);
    if (job.processedOn && job.finishedOn) {
      this.metrics.jobDuration.observe(labels, (job.finishedOn - job.processedOn) / 1000);
    }
  }

  /**
   * Uses an `overdue` flag on case_item where the schema has one; otherwise compares the
   * due date (YYYY-MM-DD, so string order is date order) with today for unfinished items.
   */
  private overdueItems(): Promise<{ department: string; count: string | number }[]> {
    const metadata = this.dataSource.getMetadata(CaseItemEntity);
    const query = this.dataSource
      .getRepository(CaseItemEntity)
      .createQueryBuilder('i')
      .select('i.department', 'department')
      .addSelect('COUNT(*)', 'count')
      .groupBy('i.department');
    if (metadata.findColumnWithPropertyName('overdue')) {
      query.where('i.overdue = :yes', { yes: true });
    } else {
      const today = new Date().toISOString().slice(0, 10);
      query.where('i.dueDate IS NOT NULL AND i.dueDate < :today AND i.endedAt IS NULL', { today });
    }
    return query.getRawMany();
  }
}
