import type { CompiledBundle } from '../compiled.types.js';
import { IMPLEMENTED_ACTIONS, IMPLEMENTED_GUARDS } from '../machine/create-bundle-machine.js';
import { compileBundle } from './compile-bundle.js';
import { buildMachineJson } from './build-machine-json.js';
import { transitionsOf, type NamedRef, type StateJson } from './machine-json.types.js';
import { restaurantBundle } from './testing/restaurant.fixture.js';

function collectRefs(node: StateJson, guards: Set<string>, actions: Set<string>): void {
  const name = (ref: string | NamedRef) => (typeof ref === 'string' ? ref : ref.type);
  for (const ref of [...(node.entry ?? []), ...(node.exit ?? [])]) actions.add(name(ref));
  const transitions = [
    ...transitionsOf(node.always),
    ...Object.values(node.on ?? {}).flatMap((value) => transitionsOf(value)),
  ];
  for (const transition of transitions) {
    if (transition.guard !== undefined) guards.add(name(transition.guard));
    for (const ref of transition.actions ?? []) actions.add(name(ref));
  }
  for (const child of Object.values(node.states ?? {})) collectRefs(child, guards, actions);
}

describe('compileBundle', () => {
  it('is deterministic: the same resolved bundle gives identical JSON', () => {
    const first: CompiledBundle = compileBundle(restaurantBundle());
    const second: CompiledBundle = compileBundle(restaurantBundle());
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    expect(first.diagram.startsWith('stateDiagram-v2')).toBe(true);
    expect(first.form.length).toBeGreaterThan(0);
    expect(first.materials.length).toBe(7);
  });

  it('references only guards and actions the runtime implements', () => {
    const guards = new Set<string>();
    const actions = new Set<string>();
    collectRefs(
      buildMachineJson(
        restaurantBundle({ supplement: { deadlineDays: 3, onExpiry: 'end-affected-items' } }),
      ),
      guards,
      actions,
    );
    collectRefs(buildMachineJson(restaurantBundle()), guards, actions);
    expect([...guards].filter((guard) => !IMPLEMENTED_GUARDS.includes(guard))).toEqual([]);
    expect([...actions].filter((action) => !IMPLEMENTED_ACTIONS.includes(action))).toEqual([]);
    expect(guards).toContain('neededMaterialExpired');
  });

  it('keeps item codes that XState would misread usable as state keys', () => {
    const resolved = restaurantBundle();
    const fire = resolved.items.find((item) => item.code === 'fire-check');
    if (fire) fire.code = 'fire.check#1';
    resolved.bundle.items = resolved.bundle.items.map((entry) =>
      entry.item === 'fire-check' ? { item: 'fire.check#1' } : entry,
    );
    const machine = buildMachineJson(resolved) as StateJson;
    const regions = machine.states?.items?.states ?? {};
    expect(Object.keys(regions)).toContain('fire_check_1');
    expect(regions.fire_check_1?.meta).toEqual({ item: 'fire.check#1' });
  });

  it('fails clearly on an item the resolved bundle lacks or lists twice', () => {
    const missing = restaurantBundle();
    missing.items = missing.items.filter((item) => item.code !== 'signboard');
    expect(() => compileBundle(missing)).toThrow(/signboard/);
    const twice = restaurantBundle();
    twice.bundle.items.push({ item: 'biz-licence' });
    expect(() => buildMachineJson(twice)).toThrow(/biz-licence twice/);
  });
});
