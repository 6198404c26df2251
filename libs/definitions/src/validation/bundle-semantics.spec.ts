import type { DefinitionError } from '../definition.types.js';
import { validateBundleSemantics } from './bundle-semantics.js';
import { field, sampleBundle, sampleCatalogue, serviceItem } from './definition-fixtures.js';
import { validateBundle } from './validate-definitions.js';

function located(errors: DefinitionError[]): { code: string; pointer: string }[] {
  return errors.map(({ code, pointer }) => ({ code, pointer }));
}

describe('validateBundleSemantics', () => {
  it('finds nothing wrong with the sample bundle', () => {
    expect(validateBundleSemantics(sampleBundle(), sampleCatalogue())).toEqual([]);
  });

  it('reports an unknown item', () => {
    const bundle = sampleBundle();
    bundle.items.push({ item: 'drainage-permit' });
    expect(located(validateBundleSemantics(bundle, sampleCatalogue()))).toEqual([
      { code: 'unknown-item', pointer: '/items/4/item' },
    ]);
  });

  it('reports a duplicated item', () => {
    const bundle = sampleBundle();
    bundle.items.push({ item: 'outdoor-sign', dependsOn: ['business-licence'] });
    expect(located(validateBundleSemantics(bundle, sampleCatalogue()))).toEqual([
      { code: 'duplicate-item', pointer: '/items/4/item' },
    ]);
  });

  it('reports a dependency cycle and lists it', () => {
    const bundle = sampleBundle();
    bundle.items[0].dependsOn = ['food-licence'];
    const errors = validateBundleSemantics(bundle, sampleCatalogue());
    expect(located(errors)).toEqual([{ code: 'dependency-cycle', pointer: '/items/0/dependsOn' }]);
    expect(errors[0].message).toContain(
      'business-registration → food-operation → business-registration',
    );
  });

  it('reports a dependency on a licence type no item of the bundle issues', () => {
    const catalogue = sampleCatalogue();
    catalogue.licenceTypes.push({
      code: 'fire-permit',
      name: { zh: '消防', en: 'Fire' },
      kind: 'document',
      issuer: 'city-management',
    });
    const bundle = sampleBundle();
    bundle.items[2].dependsOn = ['business-licence', 'fire-permit'];
    expect(located(validateBundleSemantics(bundle, catalogue))).toEqual([
      { code: 'unproduced-dependency', pointer: '/items/2/dependsOn/1' },
    ]);
  });

  it('reports a dependency on a licence type the catalogue does not know', () => {
    const bundle = sampleBundle();
    bundle.items[2].dependsOn = ['business-licence', 'no-such-licence'];
    expect(located(validateBundleSemantics(bundle, sampleCatalogue()))).toEqual([
      { code: 'unknown-licence-type', pointer: '/items/2/dependsOn/1' },
    ]);
  });

  it('reports a promised limit below the critical path, naming the path and its days', () => {
    const bundle = { ...sampleBundle(), promisedLimitDays: 14 };
    const errors = validateBundleSemantics(bundle, sampleCatalogue());
    expect(located(errors)).toEqual([
      { code: 'limit-below-critical-path', pointer: '/promisedLimitDays' },
    ]);
    // business-registration (3) → food-operation (10) → liquor-filing (2)
    expect(errors[0].message).toContain(
      'business-registration → food-operation → liquor-filing takes 15',
    );
  });

  it('reports a condition on a field no form asks for', () => {
    const bundle = sampleBundle();
    bundle.items[3].when = {
      all: [{ field: 'sellsLiquor', truthy: true }, { not: { field: 'seatCount', in: [1, 2] } }],
    };
    expect(located(validateBundleSemantics(bundle, sampleCatalogue()))).toEqual([
      { code: 'unknown-condition-field', pointer: '/items/3/when/all/1/not/field' },
    ]);
  });

  it('accepts a condition on a field of an item of the bundle', () => {
    const bundle = sampleBundle();
    bundle.items[3].when = { field: 'floorArea', equals: 100 };
    expect(validateBundleSemantics(bundle, sampleCatalogue())).toEqual([]);
  });

  it('reports a field defined differently across the bundle form and its items, but not a different `required`', () => {
    const bundle = sampleBundle();
    bundle.form.push(
      field('shopName', { required: false }),
      field('floorArea', { type: 'integer', min: 0 }),
    );
    const errors = validateBundleSemantics(bundle, sampleCatalogue());
    expect(located(errors)).toEqual([{ code: 'field-conflict', pointer: '/items/1/item' }]);
    expect(errors[0].message).toContain('floorArea');
    expect(errors[0].message).toContain('in: type');
  });

  it('reports a material satisfied by a licence issued in the bundle by an item that is not upstream', () => {
    const bundle = sampleBundle();
    delete bundle.items[2].dependsOn; // outdoor-sign needs the business licence but no longer waits for it
    expect(located(validateBundleSemantics(bundle, sampleCatalogue()))).toEqual([
      { code: 'licence-not-upstream', pointer: '/items/2/dependsOn' },
    ]);
  });

  it('does not ask for upstream when no item of the bundle issues the licence (the applicant holds it)', () => {
    const catalogue = sampleCatalogue();
    catalogue.items.push(serviceItem('sign-only-bundle-item', { outputs: [] }));
    const bundle = { ...sampleBundle(), items: [{ item: 'outdoor-sign' }] };
    expect(validateBundleSemantics(bundle, catalogue)).toEqual([]);
  });

  it('reports empty delivery options', () => {
    const bundle = { ...sampleBundle(), delivery: [] };
    expect(located(validateBundleSemantics(bundle, sampleCatalogue()))).toEqual([
      { code: 'no-delivery-option', pointer: '/delivery' },
    ]);
  });

  it('reports a key asked twice in the bundle form', () => {
    const bundle = sampleBundle();
    bundle.form.push(field('sellsLiquor', { type: 'boolean', required: false }));
    expect(located(validateBundleSemantics(bundle, sampleCatalogue()))).toEqual([
      { code: 'duplicate-field', pointer: '/form/1/key' },
    ]);
  });

  it('reports every problem at once', () => {
    const bundle = { ...sampleBundle(), delivery: [] };
    bundle.items.push({ item: 'nope' }, { item: 'liquor-filing' });
    expect(
      located(validateBundleSemantics(bundle, sampleCatalogue()))
        .map((error) => error.code)
        .sort(),
    ).toEqual(['duplicate-item', 'no-delivery-option', 'unknown-item']);
  });
});

describe('validateBundle', () => {
  it('returns structural errors and skips semantics when the structure is wrong', async () => {
    const bundle = { ...sampleBundle(), items: [{ item: 'nope', extra: 1 }] };
    expect(located(await validateBundle(bundle, sampleCatalogue()))).toEqual([
      { code: 'unknown-property', pointer: '/items/0/extra' },
    ]);
  });

  it('runs semantics on a structurally valid bundle', async () => {
    const bundle = { ...sampleBundle(), items: [{ item: 'nope' }] };
    expect(located(await validateBundle(bundle, sampleCatalogue()))).toEqual([
      { code: 'unknown-item', pointer: '/items/0/item' },
    ]);
  });
});
