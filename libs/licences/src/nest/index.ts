export * from './department-key.store.js';
export * from './licence-holder-cipher.js';
export * from './licence-issuer.service.js';
export * from './licence-registry.service.js';
export * from './licences.module.js';
