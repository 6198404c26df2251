import type { DefinitionError } from '../definition.types.js';
import { validateCatalogueSemantics } from './catalogue-semantics.js';
import { field, sampleCatalogue } from './definition-fixtures.js';
import { prefixErrors } from './json-pointer.js';
import { mapCatalogueErrorsToFiles, validateCatalogue } from './validate-definitions.js';

function located(errors: DefinitionError[]): { code: string; pointer: string }[] {
  return errors.map(({ code, pointer }) => ({ code, pointer }));
}

describe('validateCatalogueSemantics', () => {
  it('finds nothing wrong with the sample catalogue', () => {
    expect(validateCatalogueSemantics(sampleCatalogue())).toEqual([]);
  });

  it('reports an unknown material with the pointer of the entry', () => {
    const catalogue = sampleCatalogue();
    catalogue.items[1].materials[1].material = 'health-certificate';
    expect(located(validateCatalogueSemantics(catalogue))).toEqual([
      { code: 'unknown-material', pointer: '/items/1/materials/1/material' },
    ]);
  });

  it('reports duplicate codes in each collection', () => {
    const catalogue = sampleCatalogue();
    catalogue.departments.push({ ...catalogue.departments[0] });
    catalogue.materials.push({ ...catalogue.materials[1] });
    catalogue.licenceTypes.push({ ...catalogue.licenceTypes[0] });
    catalogue.items.push({ ...catalogue.items[3] });
    expect(located(validateCatalogueSemantics(catalogue))).toEqual([
      { code: 'duplicate-code', pointer: '/departments/2/code' },
      { code: 'duplicate-code', pointer: '/materials/3/code' },
      { code: 'duplicate-code', pointer: '/licenceTypes/2/code' },
      { code: 'duplicate-code', pointer: '/items/4/code' },
    ]);
  });

  it('reports unknown departments of items and of licence issuers', () => {
    const catalogue = sampleCatalogue();
    catalogue.items[2].department = 'water-authority';
    catalogue.licenceTypes[1].issuer = 'health';
    expect(located(validateCatalogueSemantics(catalogue))).toEqual([
      { code: 'unknown-department', pointer: '/licenceTypes/1/issuer' },
      { code: 'unknown-department', pointer: '/items/2/department' },
    ]);
  });

  it('reports unknown licence types in outputs and satisfiedByLicence', () => {
    const catalogue = sampleCatalogue();
    catalogue.items[0].outputs = ['business-licence', 'seal'];
    catalogue.items[2].materials[0].satisfiedByLicence = 'sign-permit';
    expect(located(validateCatalogueSemantics(catalogue))).toEqual([
      { code: 'unknown-licence-type', pointer: '/items/0/outputs/1' },
      { code: 'unknown-licence-type', pointer: '/items/2/materials/0/satisfiedByLicence' },
    ]);
  });

  it('reports a promised limit above the legal limit', () => {
    const catalogue = sampleCatalogue();
    catalogue.items[1].promisedLimitDays = 25;
    expect(located(validateCatalogueSemantics(catalogue))).toEqual([
      { code: 'promised-above-legal-limit', pointer: '/items/1/promisedLimitDays' },
    ]);
  });

  it('reports a commitment without a post-check period', () => {
    const catalogue = sampleCatalogue();
    catalogue.items[1].commitment = { allowed: true, postCheckDays: 0 };
    catalogue.items[2].commitment = { allowed: false, postCheckDays: 0 };
    expect(located(validateCatalogueSemantics(catalogue))).toEqual([
      { code: 'invalid-post-check', pointer: '/items/1/commitment/postCheckDays' },
    ]);
  });

  it("reports an instant-approval rule that reads a field outside the item's form", () => {
    const catalogue = sampleCatalogue();
    catalogue.items[0].instantApproval = {
      when: {
        all: [
          { field: 'shopName', truthy: true },
          { field: 'sellsLiquor', equals: true },
        ],
      },
    };
    expect(validateCatalogueSemantics(catalogue)).toEqual([
      {
        code: 'unknown-condition-field',
        pointer: '/items/0/instantApproval/when/all/1/field',
        message: expect.stringContaining('sellsLiquor'),
      },
    ]);
  });

  it('reports a material listed twice by one item and a form key asked twice', () => {
    const catalogue = sampleCatalogue();
    catalogue.items[0].materials.push({ material: 'id-card', required: false, tolerable: true });
    catalogue.items[0].form.push(field('shopName'));
    expect(located(validateCatalogueSemantics(catalogue))).toEqual([
      { code: 'duplicate-material', pointer: '/items/0/materials/2/material' },
      { code: 'duplicate-field', pointer: '/items/0/form/2/key' },
    ]);
  });

  it('reports an enum option value listed twice', () => {
    const catalogue = sampleCatalogue();
    const option = { value: 'small', label: { zh: '小', en: 'Small' } };
    catalogue.items[3].form.push(field('size', { type: 'enum', options: [option, { ...option }] }));
    expect(located(validateCatalogueSemantics(catalogue))).toEqual([
      { code: 'duplicate-option', pointer: '/items/3/form/0/options/1/value' },
    ]);
  });
});

describe('validateCatalogue and pointer helpers', () => {
  it('checks structure first, then semantics', async () => {
    const broken = { ...sampleCatalogue(), departments: [{ code: 'x' }] };
    expect(located(await validateCatalogue(broken))).toEqual([
      { code: 'invalid-structure', pointer: '/departments/0/name' },
    ]);
    const catalogue = sampleCatalogue();
    catalogue.items[0].department = 'nowhere';
    expect(located(await validateCatalogue(catalogue))).toEqual([
      { code: 'unknown-department', pointer: '/items/0/department' },
    ]);
  });

  it('maps catalogue errors to the files their collections came from', () => {
    const errors: DefinitionError[] = [
      { code: 'unknown-material', pointer: '/items/3/materials/1/material', message: 'm' },
      { code: 'duplicate-code', pointer: '/departments/1/code', message: 'd' },
    ];
    expect(
      mapCatalogueErrorsToFiles(errors, { items: 'catalogue/items.json' }).map(
        (error) => error.pointer,
      ),
    ).toEqual(['/catalogue~1items.json/items/3/materials/1/material', '/departments/1/code']);
    expect(prefixErrors(errors, 'a~b.json')[0].pointer).toBe(
      '/a~0b.json/items/3/materials/1/material',
    );
    expect(prefixErrors(errors, '/catalogue')[1].pointer).toBe('/catalogue/departments/1/code');
  });
});
