import { restaurantBundle } from './testing/restaurant.fixture.js';
import { mergeMaterials } from './merge-materials.js';

describe('mergeMaterials', () => {
  const merged = mergeMaterials(restaurantBundle());
  const byCode = new Map(merged.map((entry) => [entry.material, entry]));

  it('de-duplicates by material code, in first-use order, with every use', () => {
    expect(merged.map((entry) => entry.material)).toEqual([
      'id-card',
      'lease',
      'biz-licence-copy',
      'health-cert',
      'floor-plan',
      'supplier-contract',
      'sign-design',
    ]);
    expect(byCode.get('id-card')?.usedBy.map((use) => use.item)).toEqual([
      'biz-licence',
      'fire-check',
      'liquor-filing',
    ]);
    expect(byCode.get('id-card')?.name).toEqual({ zh: '身份证', en: 'ID card' });
  });

  it('is required only when an always-applicable item requires it', () => {
    expect(byCode.get('id-card')?.required).toBe(true);
    expect(byCode.get('sign-design')?.required).toBe(false);
    expect(byCode.get('supplier-contract')?.required).toBe(false);
  });

  it('is tolerable only when every item needing it tolerates it', () => {
    expect(byCode.get('lease')?.tolerable).toBe(true);
    expect(byCode.get('health-cert')?.tolerable).toBe(true);
    // Tolerable for the food licence, not for the fire check.
    expect(byCode.get('floor-plan')?.tolerable).toBe(false);
    expect(byCode.get('id-card')?.tolerable).toBe(false);
  });

  it('marks a licence-satisfied material supplied in the case when an item of the bundle issues it', () => {
    expect(byCode.get('biz-licence-copy')).toMatchObject({
      satisfiedByLicence: 'business-licence',
      suppliedInCase: { licenceType: 'business-licence', byItem: 'biz-licence' },
    });
    const withoutProducer = restaurantBundle();
    withoutProducer.bundle.items = withoutProducer.bundle.items.filter(
      (entry) => entry.item !== 'biz-licence',
    );
    const held = mergeMaterials(withoutProducer).find(
      (entry) => entry.material === 'biz-licence-copy',
    );
    expect(held?.satisfiedByLicence).toBe('business-licence');
    expect(held).not.toHaveProperty('suppliedInCase');
  });
});
