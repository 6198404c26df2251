export * from './identity.js';
export * from './token.service.js';
export * from './auth.decorators.js';
export * from './auth.guard.js';
export * from './auth.module.js';
export * from './oidc-settings.js';
export * from './oidc-verifier.js';
