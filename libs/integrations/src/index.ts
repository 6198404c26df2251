export * from './supervision-platform.js';
export * from './local-supervision-platform.js';
export * from './recorded-message.repository.js';
export * from './integrations.module.js';
