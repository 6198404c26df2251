import { compileBundle } from '../compiler/compile-bundle.js';
import type { BundleDefinition, Catalogue } from '../definition.types.js';
import { resolveBundle } from '../resolve/resolve-bundle.js';
import { field, sampleBundle, sampleCatalogue } from '../validation/definition-fixtures.js';
import { diffBundles } from './bundle-diff.js';

function version(bundle: BundleDefinition, catalogue: Catalogue) {
  const resolved = resolveBundle(bundle, catalogue);
  return { resolved, compiled: compileBundle(resolved) };
}

describe('diffBundles', () => {
  it('finds two versions of the same content identical, whatever their numbers', () => {
    const v1 = version({ ...sampleBundle(), version: 1 }, sampleCatalogue());
    const v2 = version({ ...sampleBundle(), version: 2 }, sampleCatalogue());
    const diff = diffBundles(v1, v2);
    expect(diff.identical).toBe(true);
    expect(diff.changes).toEqual([]);
    expect(diff.summary.items).toEqual({ added: [], removed: [], changed: [] });
  });

  it('locates a change of the definition and sums up what applicants will notice', () => {
    const before = sampleBundle();
    const after: BundleDefinition = {
      ...before,
      promisedLimitDays: 20,
      form: [...before.form, field('openingDate', { type: 'date' })],
      items: before.items.filter((entry) => entry.item !== 'outdoor-sign'),
    };
    const diff = diffBundles(version(before, sampleCatalogue()), version(after, sampleCatalogue()));
    expect(diff.identical).toBe(false);
    expect(diff.changes).toEqual(
      expect.arrayContaining([
        {
          op: 'changed',
          before: { pointer: '/bundle/promisedLimitDays', value: 15 },
          after: { pointer: '/bundle/promisedLimitDays', value: 20 },
        },
        {
          op: 'added',
          after: {
            pointer: '/bundle/form/1',
            value: expect.objectContaining({ key: 'openingDate' }),
          },
        },
        {
          op: 'removed',
          before: {
            pointer: '/bundle/items/2',
            value: { item: 'outdoor-sign', dependsOn: ['business-licence'] },
          },
        },
        {
          op: 'removed',
          before: { pointer: '/items/2', value: expect.objectContaining({ code: 'outdoor-sign' }) },
        },
        // Its department is no longer needed by any item: the frozen copy goes too.
        {
          op: 'removed',
          before: {
            pointer: '/departments/0',
            value: expect.objectContaining({ code: 'city-management' }),
          },
        },
      ]),
    );
    expect(diff.summary).toMatchObject({
      items: { added: [], removed: ['outdoor-sign'], changed: [] },
      formFields: { added: ['openingDate'], removed: ['signText'] },
      materials: { added: [], removed: [] },
      promisedLimitDays: { before: 15, after: 20 },
    });
  });

  it('shows a catalogue entry that changed under the bundle as a change of that item', () => {
    const catalogue = sampleCatalogue();
    const changed = sampleCatalogue();
    changed.items[1].promisedLimitDays = 12;
    changed.items[1].materials[0].tolerable = true;
    const diff = diffBundles(version(sampleBundle(), catalogue), version(sampleBundle(), changed));
    expect(diff.changes).toEqual([
      {
        op: 'changed',
        before: { pointer: '/items/1/promisedLimitDays', value: 10 },
        after: { pointer: '/items/1/promisedLimitDays', value: 12 },
      },
      {
        op: 'changed',
        before: { pointer: '/items/1/materials/0/tolerable', value: false },
        after: { pointer: '/items/1/materials/0/tolerable', value: true },
      },
    ]);
    expect(diff.summary.items.changed).toEqual(['food-operation']);
    expect(diff.summary.estimatedDays).toEqual({ before: 15, after: 17 });
    expect(diff.summary.criticalPath.after).toEqual([
      'business-registration',
      'food-operation',
      'liquor-filing',
    ]);
  });
});
