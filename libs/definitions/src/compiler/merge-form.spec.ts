import { restaurantBundle } from './testing/restaurant.fixture.js';
import { mergeForm } from './merge-form.js';

describe('mergeForm', () => {
  it('puts bundle fields first, then item fields in bundle order, each key once', () => {
    const form = mergeForm(restaurantBundle());
    expect(form.map((field) => field.key)).toEqual([
      'shopName',
      'sellsLiquor',
      'hasSignboard',
      'ownerId',
      'seats',
      'area',
      'liquorBrands',
      'signText',
    ]);
    expect(form.find((field) => field.key === 'shopName')?.usedBy).toEqual([
      'bundle',
      'biz-licence',
      'food-licence',
    ]);
  });

  it('requires a field asked by the bundle or an always-applicable item, otherwise under the conditions', () => {
    const form = mergeForm(restaurantBundle());
    const byKey = new Map(form.map((field) => [field.key, field]));
    expect(byKey.get('ownerId')).toMatchObject({ required: true, personal: true });
    expect(byKey.get('ownerId')).not.toHaveProperty('requiredWhen');
    expect(byKey.get('liquorBrands')).toMatchObject({
      required: false,
      requiredWhen: [{ field: 'sellsLiquor', equals: true }],
    });
    expect(byKey.get('signText')?.requiredWhen).toEqual([{ field: 'hasSignboard', truthy: true }]);
  });

  it('does not let an optional use lower a required field, nor a conditional one add conditions to it', () => {
    const resolved = restaurantBundle();
    resolved.bundle.form = [];
    const shopName = mergeForm(resolved).find((field) => field.key === 'shopName');
    // biz-licence (always) requires it, food-licence asks it optionally.
    expect(shopName).toMatchObject({ required: true, usedBy: ['biz-licence', 'food-licence'] });
  });

  it('throws a clear error when two definitions of one key differ', () => {
    const resolved = restaurantBundle();
    const food = resolved.items.find((item) => item.code === 'food-licence');
    const shopName = food?.form.find((field) => field.key === 'shopName');
    if (shopName) shopName.maxLength = 20;
    expect(() => mergeForm(resolved)).toThrow(/form field "shopName" of food-licence differs/);
  });
});
