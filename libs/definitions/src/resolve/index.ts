export * from './canonical-json.js';
export * from './resolve-bundle.js';
