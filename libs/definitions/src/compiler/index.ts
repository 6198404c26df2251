export { compileBundle } from './compile-bundle.js';
export { mergeForm } from './merge-form.js';
export { mergeMaterials } from './merge-materials.js';
export { buildNotification } from './build-notification.js';
export { buildMachineJson } from './build-machine-json.js';
export { toMermaid } from './to-mermaid.js';
export type { StateJson, TransitionJson, NamedRef } from './machine-json.types.js';
