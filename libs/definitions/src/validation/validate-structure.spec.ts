import { MaterialCatalogueFileDto } from '../dto/catalogue-files.dto.js';
import { sampleBundle, sampleCatalogue } from './definition-fixtures.js';
import {
  validateBundleStructure,
  validateCatalogueStructure,
  validateStructure,
} from './validate-structure.js';

/** Round-trips through JSON, so that specs can hand over documents as a file would. */
function plain<T>(value: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

describe('validateBundleStructure', () => {
  it('accepts the sample bundle and drops $schema', async () => {
    const result = await validateBundleStructure({
      $schema: '../schema/bundle.schema.json',
      ...plain(sampleBundle()),
    });
    expect(result.errors).toEqual([]);
    expect(result.value?.code).toBe('open-restaurant');
    expect(result.value).not.toHaveProperty('$schema');
  });

  it('reports an unknown property with its pointer', async () => {
    const bundle = plain(sampleBundle());
    (bundle.items as Record<string, unknown>[])[1].dependsOnn = ['x'];
    const { errors, value } = await validateBundleStructure(bundle);
    expect(value).toBeUndefined();
    expect(errors).toEqual([
      {
        pointer: '/items/1/dependsOnn',
        code: 'unknown-property',
        message: expect.stringContaining('dependsOnn'),
      },
    ]);
  });

  it('reports a wrong type', async () => {
    const bundle = { ...plain(sampleBundle()), promisedLimitDays: '15' };
    const { errors } = await validateBundleStructure(bundle);
    expect(errors.map((error) => error.pointer)).toEqual([
      '/promisedLimitDays',
      '/promisedLimitDays',
    ]);
    expect(errors[0].code).toBe('invalid-structure');
  });

  it('reports a code that is not lowercase kebab-case', async () => {
    const { errors } = await validateBundleStructure({
      ...plain(sampleBundle()),
      code: 'Open_Restaurant',
    });
    expect(errors).toEqual([
      {
        pointer: '/code',
        code: 'invalid-structure',
        message: expect.stringContaining('kebab-case'),
      },
    ]);
  });

  it('points into a malformed condition', async () => {
    const bundle = plain(sampleBundle());
    (bundle.items as Record<string, unknown>[])[3].when = {
      all: [
        { field: 'sellsLiquor', truthy: true },
        { field: 'floorArea', equals: 1, in: [1] },
        { any: [] },
      ],
    };
    const { errors } = await validateBundleStructure(bundle);
    expect(errors.map(({ pointer, code }) => ({ pointer, code }))).toEqual([
      { pointer: '/items/3/when/all/1', code: 'invalid-condition' },
      { pointer: '/items/3/when/all/2/any', code: 'invalid-condition' },
    ]);
  });

  it('rejects extra keys in a condition node', async () => {
    const bundle = plain(sampleBundle());
    (bundle.items as Record<string, unknown>[])[3].when = {
      not: { field: 'sellsLiquor', truthy: 'yes', other: 1 },
    };
    const { errors } = await validateBundleStructure(bundle);
    expect(errors.map((error) => error.pointer)).toEqual([
      '/items/3/when/not/other',
      '/items/3/when/not/truthy',
    ]);
  });

  it('refuses a document that is not an object', async () => {
    const { errors } = await validateBundleStructure([], '/bundles~1x.json');
    expect(errors).toEqual([
      { pointer: '/bundles~1x.json', code: 'invalid-structure', message: expect.any(String) },
    ]);
  });
});

describe('validateCatalogueStructure', () => {
  it('accepts the sample catalogue', async () => {
    expect((await validateCatalogueStructure(plain(sampleCatalogue()))).errors).toEqual([]);
  });

  it('reports nested pointers deep in an item', async () => {
    const catalogue = plain(sampleCatalogue());
    const items = catalogue.items as {
      materials: Record<string, unknown>[];
      form: Record<string, unknown>[];
    }[];
    items[1].materials[1].material = 'Business Licence';
    items[1].form[1].max = -1;
    const { errors } = await validateCatalogueStructure(catalogue, '/catalogue');
    expect(errors.map((error) => error.pointer).sort()).toEqual([
      '/catalogue/items/1/form/1/max',
      '/catalogue/items/1/materials/1/material',
    ]);
  });

  it('accepts an instant-approval rule and points at unknown keys and bad conditions in it', async () => {
    const good = plain(sampleCatalogue());
    (good.items as Record<string, unknown>[])[0].instantApproval = {
      when: { field: 'shopName', truthy: true },
      requiresIdentityCheck: true,
    };
    const accepted = await validateCatalogueStructure(good);
    expect(accepted.errors).toEqual([]);
    expect(accepted.value?.items[0].instantApproval?.requiresIdentityCheck).toBe(true);

    const bad = plain(sampleCatalogue());
    (bad.items as Record<string, unknown>[])[0].instantApproval = {
      when: { field: 'shopName', truthy: true, equals: 'x' },
      requiresIdentityChek: true,
    };
    (bad.items as Record<string, unknown>[])[1].instantApproval = {
      requiresIdentityCheck: 'yes',
    };
    const { errors } = await validateCatalogueStructure(bad);
    expect(errors.map(({ pointer, code }) => ({ pointer, code }))).toEqual(
      expect.arrayContaining([
        { pointer: '/items/0/instantApproval/requiresIdentityChek', code: 'unknown-property' },
        { pointer: '/items/0/instantApproval/when', code: 'invalid-condition' },
        { pointer: '/items/1/instantApproval/when', code: expect.any(String) },
        { pointer: '/items/1/instantApproval/requiresIdentityCheck', code: 'invalid-structure' },
      ]),
    );
  });

  it('checks form field rules: pattern compiles, enum needs options, min ≤ max, constraints fit the type', async () => {
    const catalogue = plain(sampleCatalogue());
    const form = (catalogue.items as { form: Record<string, unknown>[] }[])[0].form;
    form.push(
      {
        key: 'badPattern',
        label: { zh: 'x', en: 'x' },
        type: 'string',
        required: true,
        pattern: '([a-z',
      },
      { key: 'kind', label: { zh: 'x', en: 'x' }, type: 'enum', required: true },
      { key: 'size', label: { zh: 'x', en: 'x' }, type: 'integer', required: true, min: 5, max: 2 },
      { key: 'flag', label: { zh: 'x', en: 'x' }, type: 'boolean', required: true, maxLength: 3 },
      { key: 'Bad-Key', label: { zh: 'x', en: 'x' }, type: 'string', required: true },
    );
    const { errors } = await validateCatalogueStructure(catalogue);
    expect(errors.map((error) => error.pointer)).toEqual([
      '/items/0/form/2/pattern',
      '/items/0/form/3/options',
      '/items/0/form/3/options',
      '/items/0/form/4/max',
      '/items/0/form/5/maxLength',
      '/items/0/form/6/key',
    ]);
  });
});

describe('validateStructure', () => {
  it('accepts a $schema in a catalogue file and refuses other extras', async () => {
    const materials = plain(sampleCatalogue()).materials;
    expect(
      (
        await validateStructure(MaterialCatalogueFileDto, {
          $schema: './schema/materials.schema.json',
          materials,
        })
      ).errors,
    ).toEqual([]);
    const { errors } = await validateStructure(
      MaterialCatalogueFileDto,
      { materials, extra: true },
      '/materials.json',
    );
    expect(errors).toEqual([
      { pointer: '/materials.json/extra', code: 'unknown-property', message: expect.any(String) },
    ]);
  });
});
