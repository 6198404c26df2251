export * from './clock.model.js';
export * from './clock-rows.js';
export * from './clock-view.js';
export * from './clock.writer.js';
export * from './deadline-checks.js';
export * from './deadline-settings.js';
export * from './clock-recomputer.service.js';
