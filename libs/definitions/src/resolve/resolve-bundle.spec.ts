import { createHash } from 'node:crypto';
import type { ResolvedBundle } from '../definition.types.js';
import { sampleBundle, sampleCatalogue } from '../validation/definition-fixtures.js';
import { canonicalJson } from './canonical-json.js';
import { checksumOf, resolveBundle } from './resolve-bundle.js';

/** Rebuilds every object with its keys in reverse order (same content, other key order). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, entry]) => [key, reverseKeys(entry)]),
  );
}

describe('canonicalJson', () => {
  it('sorts keys at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[true,null]},"b":1}',
    );
  });

  it('refuses a value without a JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('resolveBundle', () => {
  it('copies in exactly the entries the bundle uses', () => {
    const catalogue = sampleCatalogue();
    catalogue.departments.push({ code: 'unused-department', name: { zh: '无', en: 'None' } });
    const bundle = { ...sampleBundle(), items: sampleBundle().items.slice(0, 3) }; // without liquor-filing
    const resolved = resolveBundle(bundle, catalogue);
    expect(resolved.items.map((item) => item.code)).toEqual([
      'business-registration',
      'food-operation',
      'outdoor-sign',
    ]);
    expect(resolved.materials.map((entry) => entry.code)).toEqual([
      'business-licence-copy',
      'id-card',
      'lease',
    ]);
    expect(resolved.licenceTypes.map((entry) => entry.code)).toEqual([
      'business-licence',
      'food-licence',
    ]);
    expect(resolved.departments.map((entry) => entry.code)).toEqual([
      'city-management',
      'market-regulation',
    ]);
  });

  it('does not depend on catalogue order and does not share objects with the catalogue', () => {
    const catalogue = sampleCatalogue();
    const shuffled = {
      departments: [...catalogue.departments].reverse(),
      materials: [...catalogue.materials].reverse(),
      licenceTypes: [...catalogue.licenceTypes].reverse(),
      items: [...catalogue.items].reverse(),
    };
    const resolved = resolveBundle(sampleBundle(), catalogue);
    expect(resolveBundle(sampleBundle(), shuffled)).toEqual(resolved);
    catalogue.items[0].promisedLimitDays = 99;
    expect(resolved.items[0].promisedLimitDays).toBe(3);
  });
});

describe('checksumOf', () => {
  const resolved = (): ResolvedBundle => resolveBundle(sampleBundle(), sampleCatalogue());

  it('is the sha256 of the canonical JSON without the version', () => {
    const value = resolved();
    expect(checksumOf(value)).toBe(createHash('sha256').update(canonicalJson(value)).digest('hex'));
  });

  it('is stable under key order', () => {
    expect(checksumOf(reverseKeys(resolved()) as ResolvedBundle)).toBe(checksumOf(resolved()));
  });

  it('ignores the bundle version', () => {
    const republished = resolved();
    republished.bundle.version = 7;
    expect(checksumOf(republished)).toBe(checksumOf(resolved()));
  });

  it('changes when content changes, in the bundle or in a copied catalogue entry', () => {
    const bundleChanged = resolved();
    bundleChanged.bundle.promisedLimitDays += 1;
    const itemChanged = resolved();
    itemChanged.items[1].materials[0].tolerable = true;
    expect(checksumOf(bundleChanged)).not.toBe(checksumOf(resolved()));
    expect(checksumOf(itemChanged)).not.toBe(checksumOf(resolved()));
  });
});
