export * from './calendar-change.js';
export * from './calendar-files.js';
export * from './calendar-settings.js';
export * from './calendar.module.js';
export * from './calendar.service.js';
export * from './calendar.store.js';
