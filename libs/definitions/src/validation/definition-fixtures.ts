/**
 * A small, valid catalogue and bundle (open a restaurant, 开餐馆) for the specs of
 * this lib. Each call returns fresh copies, so a spec can break one thing and check
 * that exactly that is reported.
 */
import type { BundleDefinition, Catalogue, FormField, ServiceItem } from '../definition.types.js';

export function label(en: string, zh = en): { zh: string; en: string } {
  return { zh, en };
}

export function field(key: string, overrides: Partial<FormField> = {}): FormField {
  return { key, label: label(key), type: 'string', required: true, ...overrides };
}

export function serviceItem(code: string, overrides: Partial<ServiceItem> = {}): ServiceItem {
  return {
    code,
    name: label(code),
    department: 'market-regulation',
    type: 'licence',
    legalLimitDays: 20,
    promisedLimitDays: 5,
    form: [],
    materials: [],
    specialProcedures: [],
    outputs: [],
    ...overrides,
  };
}

export function sampleCatalogue(): Catalogue {
  return {
    departments: [
      { code: 'market-regulation', name: label('Market regulation', '市场监督管理局') },
      { code: 'city-management', name: label('City management', '城市管理局') },
    ],
    materials: [
      {
        code: 'id-card',
        name: label('ID card', '身份证'),
        acceptedForms: ['original', 'electronic'],
      },
      { code: 'lease', name: label('Lease contract', '租赁合同'), acceptedForms: ['copy'] },
      {
        code: 'business-licence-copy',
        name: label('Business licence', '营业执照'),
        acceptedForms: ['copy', 'electronic'],
      },
    ],
    licenceTypes: [
      {
        code: 'business-licence',
        name: label('Business licence', '营业执照'),
        kind: 'licence',
        issuer: 'market-regulation',
      },
      {
        code: 'food-licence',
        name: label('Food operation licence', '食品经营许可证'),
        kind: 'licence',
        issuer: 'market-regulation',
      },
    ],
    items: [
      serviceItem('business-registration', {
        promisedLimitDays: 3,
        form: [field('shopName'), field('applicantId', { type: 'id-number', personal: true })],
        materials: [
          { material: 'id-card', required: true, tolerable: false },
          { material: 'lease', required: true, tolerable: true },
        ],
        outputs: ['business-licence'],
      }),
      serviceItem('food-operation', {
        promisedLimitDays: 10,
        form: [
          field('shopName', { required: false }),
          field('floorArea', { type: 'number', min: 0 }),
        ],
        materials: [
          { material: 'id-card', required: true, tolerable: false },
          {
            material: 'business-licence-copy',
            required: true,
            tolerable: false,
            satisfiedByLicence: 'business-licence',
          },
        ],
        commitment: { allowed: true, postCheckDays: 20 },
        specialProcedures: [
          { kind: 'site-inspection', name: label('Site inspection', '现场核查'), maxDays: 5 },
        ],
        outputs: ['food-licence'],
      }),
      serviceItem('outdoor-sign', {
        department: 'city-management',
        type: 'filing',
        promisedLimitDays: 4,
        form: [field('signText', { maxLength: 40 })],
        materials: [
          {
            material: 'business-licence-copy',
            required: true,
            tolerable: false,
            satisfiedByLicence: 'business-licence',
          },
        ],
      }),
      serviceItem('liquor-filing', { type: 'filing', promisedLimitDays: 2 }),
    ],
  };
}

export function sampleBundle(): BundleDefinition {
  return {
    code: 'open-restaurant',
    name: label('Open a restaurant', '开餐馆'),
    applicantKind: 'enterprise',
    form: [field('sellsLiquor', { type: 'boolean', required: false })],
    items: [
      { item: 'business-registration' },
      { item: 'food-operation', dependsOn: ['business-licence'] },
      { item: 'outdoor-sign', dependsOn: ['business-licence'] },
      {
        item: 'liquor-filing',
        when: { field: 'sellsLiquor', truthy: true },
        dependsOn: ['food-licence'],
      },
    ],
    promisedLimitDays: 15,
    supplement: { deadlineDays: 10, onExpiry: 'suspend-case' },
    delivery: ['window', 'online'],
  };
}
