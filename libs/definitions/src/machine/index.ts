export * from './case-machine.types.js';
export { evaluateCondition } from './evaluate-condition.js';
export {
  createBundleMachine,
  getBundleMachine,
  machineCache,
  restoreCaseSnapshot,
  effectsOf,
  IMPLEMENTED_GUARDS,
  IMPLEMENTED_ACTIONS,
  type BundleMachine,
  type CaseSnapshot,
  type PersistedCaseSnapshot,
} from './create-bundle-machine.js';
export {
  allowedEvents,
  activeNodes,
  FROZEN_TAG,
  type AllowedEvent,
  type StateValueJson,
} from './allowed-events.js';
export { startCase, transitionCase } from './case-transition.js';
