import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '@onevisit/config';
import { QueueName } from './job-catalogue.js';
import { OutboxRelay } from './outbox-relay.service.js';
import { redisConnectionOptions } from './redis-connection.js';

/** BullMQ on the configured Redis, every queue of the catalogue registered, and the outbox relay. */
@Global()
@Module({})
export class QueuesModule {
  static forRoot(): DynamicModule {
    const queues = Object.values(QueueName).map((name) => BullModule.registerQueue({ name }));
    return {
      module: QueuesModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            connection: redisConnectionOptions(config.redisUrl),
            prefix: config.queuePrefix,
          }),
        }),
        ...queues,
      ],
      providers: [OutboxRelay],
      exports: [...queues, OutboxRelay],
    };
  }
}
