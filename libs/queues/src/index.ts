export * from './job-catalogue.js';
export * from './queue-settings.js';
export * from './outbox-writer.js';
export * from './redis-connection.js';
export * from './outbox-relay.service.js';
export * from './outbox-ping.js';
export * from './queues.module.js';
export * from './relayed-jobs.js';
