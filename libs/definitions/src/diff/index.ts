export * from './json-diff.js';
export * from './bundle-diff.js';
