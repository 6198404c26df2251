/**
 * The compiler: one resolved (and validated) bundle in, everything a published version
 * stores out: the one form, the one material set, the one-time notification, the case
 * machine as JSON and its diagram.
 */
import type { CompiledBundle } from '../compiled.types.js';
import type { ResolvedBundle } from '../definition.types.js';
import { buildMachineJson } from './build-machine-json.js';
import { buildNotification } from './build-notification.js';
import { mergeForm } from './merge-form.js';
import { mergeMaterials } from './merge-materials.js';
import { toMermaid } from './to-mermaid.js';

export function compileBundle(resolved: ResolvedBundle): CompiledBundle {
  const materials = mergeMaterials(resolved);
  const machine = buildMachineJson(resolved, materials);
  return {
    form: mergeForm(resolved),
    materials,
    notification: buildNotification(resolved, materials),
    machine,
    diagram: toMermaid(machine),
  };
}
