import { field, sampleCatalogue, serviceItem } from './definition-fixtures.js';
import { catalogueWith, validateCatalogueEntry } from './validate-catalogue-entry.js';

const located = (errors: { code: string; pointer: string }[]) =>
  errors.map(({ code, pointer }) => ({ code, pointer }));

describe('validateCatalogueEntry', () => {
  it('accepts a changed entry and a new one that fit the catalogue', async () => {
    const catalogue = sampleCatalogue();
    const changed = { ...catalogue.items[1], promisedLimitDays: 8 };
    expect(await validateCatalogueEntry('items', changed, catalogue)).toEqual([]);
    const added = serviceItem('tobacco-retail', {
      materials: [{ material: 'id-card', required: true, tolerable: false }],
    });
    expect(await validateCatalogueEntry('items', added, catalogue)).toEqual([]);
    const department = { code: 'tobacco', name: { zh: '烟草专卖局', en: 'Tobacco monopoly' } };
    expect(await validateCatalogueEntry('departments', department, catalogue)).toEqual([]);
  });

  it('reports structure problems at pointers into the entry, and stops there', async () => {
    const errors = await validateCatalogueEntry(
      'materials',
      { code: 'Bad Code', name: { zh: '坏' }, acceptedForms: ['fax'], colour: 'red' },
      sampleCatalogue(),
    );
    const pointers = errors.map((error) => error.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/code', '/name/en', '/acceptedForms', '/colour']),
    );
    expect(errors.every((error) => error.message.length > 0)).toBe(true);
  });

  it('reports semantic problems of the entry against the catalogue, with entry pointers', async () => {
    const catalogue = sampleCatalogue();
    const item = {
      ...catalogue.items[0],
      department: 'water-authority',
      promisedLimitDays: 30,
      materials: [
        { material: 'id-card', required: true, tolerable: false },
        { material: 'health-certificate', required: true, tolerable: false },
      ],
      outputs: ['no-such-licence'],
      form: [field('shopName'), field('shopName')],
    };
    expect(located(await validateCatalogueEntry('items', item, catalogue))).toEqual([
      { code: 'unknown-department', pointer: '/department' },
      { code: 'promised-above-legal-limit', pointer: '/promisedLimitDays' },
      { code: 'unknown-material', pointer: '/materials/1/material' },
      { code: 'unknown-licence-type', pointer: '/outputs/0' },
      { code: 'duplicate-field', pointer: '/form/1/key' },
    ]);
  });

  it('does not report problems of other entries', async () => {
    const catalogue = sampleCatalogue();
    catalogue.items[2].department = 'water-authority';
    const licenceType = { ...catalogue.licenceTypes[0], issuer: 'nobody' };
    expect(located(await validateCatalogueEntry('licenceTypes', licenceType, catalogue))).toEqual([
      { code: 'unknown-department', pointer: '/issuer' },
    ]);
  });
});

describe('catalogueWith', () => {
  it('replaces the entry of the same code in place, or appends a new one', () => {
    const catalogue = sampleCatalogue();
    const lease = { ...catalogue.materials[1], description: 'x' };
    const replaced = catalogueWith(catalogue, 'materials', lease);
    expect(replaced.index).toBe(1);
    expect(replaced.catalogue.materials[1]).toMatchObject({ code: 'lease', description: 'x' });
    expect(catalogue.materials[1]).not.toHaveProperty('description');
    const added = catalogueWith(catalogue, 'materials', { code: 'new' });
    expect(added.index).toBe(3);
    expect(added.catalogue.materials).toHaveLength(4);
  });
});
