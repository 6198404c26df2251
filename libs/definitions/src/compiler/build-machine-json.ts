/**
 * Compiles a resolved bundle into the JSON config of its XState v5 case machine.
 *
 * Top level is parallel: a `case` region (intake → processing → delivery → closed) and an
 * `items` region with one parallel region per item. Items live outside the case stages so
 * that an item under post-check keeps taking events after delivery. The regions talk
 * through the context (accepted, suspended, per-item status, licences), never by sending.
 *
 * Deterministic: built only from arrays in bundle order, so the same resolved bundle
 * always gives byte-identical JSON (a published version can checksum it).
 */
import type { MachineJson, MergedMaterial } from '../compiled.types.js';
import type { ResolvedBundle, ServiceItem } from '../definition.types.js';
import type { CaseContext, ItemProgress } from '../machine/case-machine.types.js';
import { buildCaseRegion } from './case-region.builder.js';
import { buildItemRegion } from './item-region.builder.js';
import type { RootStateJson, StateJson } from './machine-json.types.js';
import { ref } from './machine-refs.util.js';
import { mergeMaterials } from './merge-materials.js';
import { stateKeys } from './state-key.util.js';

export function buildMachineJson(
  resolved: ResolvedBundle,
  materials?: MergedMaterial[],
): MachineJson {
  const { bundle } = resolved;
  const services = new Map(resolved.items.map((entry) => [entry.code, entry] as const));
  const codes = bundle.items.map((entry) => entry.item);
  const duplicate = codes.find((code, index) => codes.indexOf(code) !== index);
  if (duplicate !== undefined)
    throw new Error(`bundle ${bundle.code} lists item ${duplicate} twice`);
  const lookup = (code: string): ServiceItem => {
    const service = services.get(code);
    if (!service)
      throw new Error(`bundle ${bundle.code} uses item ${code}, which the resolved bundle lacks`);
    return service;
  };

  const producers = new Map<string, string[]>();
  for (const code of codes) {
    for (const output of lookup(code).outputs)
      producers.set(output, [...(producers.get(output) ?? []), code]);
  }

  const keys = stateKeys(codes);
  const itemRegions: Record<string, StateJson> = {};
  const progress: Record<string, ItemProgress> = {};
  for (const bundleItem of bundle.items) {
    const key = keys.get(bundleItem.item) as string;
    itemRegions[key] = buildItemRegion({
      bundleItem,
      service: lookup(bundleItem.item),
      key,
      producers,
      onExpiry: bundle.supplement.onExpiry,
    });
    progress[bundleItem.item] = { status: 'pending', procedure: null, reason: null };
  }

  const context: CaseContext = {
    answers: {},
    pledged: [],
    accepted: false,
    outcome: null,
    outcomeReason: null,
    problems: [],
    corrections: 0,
    missing: [],
    supplied: [],
    supplementExpired: false,
    suspended: false,
    items: progress,
    licences: [],
    breaches: [],
    delivery: null,
    rating: null,
  };

  // The identity check's answer becomes an event only where a 秒批 rule needs it.
  const needsIdentity = bundle.items.some(
    (entry) => lookup(entry.item).instantApproval?.requiresIdentityCheck === true,
  );
  if (needsIdentity) context.identityCheck = null;

  const root: RootStateJson = {
    id: `bundle-${bundle.code.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    type: 'parallel',
    meta: {
      bundle: bundle.code,
      ...(bundle.version === undefined ? {} : { version: bundle.version }),
    },
    context: { ...context },
    ...(needsIdentity
      ? {
          on: {
            IDENTITY_CHECKED: {
              guard: ref('identityUnchecked'),
              actions: [ref('recordIdentityCheck')],
            },
          },
        }
      : {}),
    states: {
      case: buildCaseRegion(resolved, materials ?? mergeMaterials(resolved)),
      items: { type: 'parallel', states: itemRegions },
    },
  };
  // A JSON round trip drops nothing here (no undefined anywhere) and gives a plain object.
  return JSON.parse(JSON.stringify(root)) as MachineJson;
}
