export * from './json-pointer.js';
export * from './validate-structure.js';
export * from './catalogue-semantics.js';
export * from './bundle-semantics.js';
export * from './validate-definitions.js';
export * from './validate-catalogue-entry.js';
