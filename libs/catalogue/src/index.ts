export * from './content-checksum.js';
export * from './workflow-files.js';
export * from './catalogue.service.js';
export * from './compiled-bundle.cache.js';
export * from './definition-invalid.exception.js';
export * from './bundle-views.js';
export * from './bundle.service.js';
export * from './catalogue.module.js';
