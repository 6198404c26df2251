export * from './create-worker-app.js';
export * from './worker.module.js';
