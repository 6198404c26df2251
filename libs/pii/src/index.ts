export * from './pii-keyring.js';
export * from './pii-config.js';
export * from './personal-fields.js';
export * from './pii-masking.js';
export * from './pii-rotation.js';
export * from './licence-holder-crypto.js';
export * from './nest/pii-access-log.service.js';
export * from './nest/pii.module.js';
