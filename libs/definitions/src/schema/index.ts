export * from './json-schema-generator.js';
