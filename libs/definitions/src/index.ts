export * from './definition.types.js';
export * from './compiled.types.js';
