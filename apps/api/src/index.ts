export * from './api.module.js';
export * from './create-api-app.js';
