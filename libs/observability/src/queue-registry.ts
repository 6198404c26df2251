import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import type { Queue, Worker } from 'bullmq';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options.js';

/** The queues and workers this process has: none in the API-only process. */
@Injectable()
export class QueueRegistry {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly discovery: DiscoveryService,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
  ) {}

  queues(): Queue[] {
    return this.options.queues.flatMap((name) => {
      try {
        return [this.moduleRef.get<Queue>(getQueueToken(name), { strict: false })];
      } catch {
        // Not registered in this process shape.
        return [];
      }
    });
  }

  /** BullMQ workers created for the `@Processor()` classes (after module init). */
  workers(): Worker[] {
    return this.discovery.getProviders().flatMap((wrapper) => {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof WorkerHost)) return [];
      try {
        return [instance.worker as Worker];
      } catch {
        return [];
      }
    });
  }
}
