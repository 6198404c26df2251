export * from './app-config.js';
export * from './env.variables.js';
export * from './load-config.js';
export * from './config.module.js';
export * from './integration-settings.js';
