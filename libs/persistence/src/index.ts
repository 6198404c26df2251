export * from './entities/index.js';
export * from './migrations/index.js';
export * from './migrations/column-types.js';
export * from './data-source-options.js';
export * from './run-in-transaction.js';
export * from './persistence.module.js';
export * from './schema-drift.js';
export * from './row-writer.js';
