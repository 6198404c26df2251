/**
 * A small "open a restaurant" bundle (开餐馆) as an in-memory ResolvedBundle, for tests.
 *
 *   biz-licence ──business-licence──▶ food-licence ──food-licence──▶ liquor-filing (if sellsLiquor)
 *   fire-check (site inspection, parallel)          signboard (if hasSignboard, pledge possible)
 */
import type { BundleDefinition, ResolvedBundle, ServiceItem } from '../../definition.types.js';

const label = (zh: string, en: string) => ({ zh, en });

export function restaurantItems(): ServiceItem[] {
  return [
    {
      code: 'biz-licence',
      name: label('营业执照', 'Business licence'),
      department: 'market-regulation',
      type: 'registration',
      legalLimitDays: 15,
      promisedLimitDays: 3,
      form: [
        {
          key: 'shopName',
          label: label('店名', 'Shop name'),
          type: 'string',
          required: true,
          maxLength: 50,
        },
        {
          key: 'ownerId',
          label: label('身份证号', 'ID number'),
          type: 'id-number',
          required: true,
          personal: true,
        },
      ],
      materials: [
        { material: 'id-card', required: true, tolerable: false },
        { material: 'lease', required: true, tolerable: true },
      ],
      specialProcedures: [],
      outputs: ['business-licence'],
    },
    {
      code: 'food-licence',
      name: label('食品经营许可证', 'Food-operation licence'),
      department: 'market-regulation',
      type: 'licence',
      legalLimitDays: 20,
      promisedLimitDays: 10,
      form: [
        {
          key: 'shopName',
          label: label('店名', 'Shop name'),
          type: 'string',
          required: false,
          maxLength: 50,
        },
        { key: 'seats', label: label('座位数', 'Seats'), type: 'integer', required: true, min: 0 },
      ],
      materials: [
        {
          material: 'biz-licence-copy',
          required: true,
          tolerable: false,
          satisfiedByLicence: 'business-licence',
        },
        { material: 'health-cert', required: true, tolerable: true },
        { material: 'floor-plan', required: true, tolerable: true },
      ],
      commitment: { allowed: true, postCheckDays: 20 },
      specialProcedures: [
        { kind: 'site-inspection', name: label('现场核查', 'Site inspection'), maxDays: 5 },
      ],
      outputs: ['food-licence'],
    },
    {
      code: 'fire-check',
      name: label('公众聚集场所投入使用前消防安全检查', 'Fire-safety inspection before opening'),
      department: 'fire-rescue',
      type: 'licence',
      legalLimitDays: 10,
      promisedLimitDays: 7,
      form: [{ key: 'area', label: label('面积', 'Floor area'), type: 'number', required: true }],
      materials: [
        { material: 'floor-plan', required: true, tolerable: false },
        { material: 'id-card', required: true, tolerable: false },
      ],
      specialProcedures: [
        { kind: 'site-inspection', name: label('现场检查', 'Site inspection'), maxDays: 3 },
        { kind: 'expert-review', name: label('专家评审', 'Expert review'), maxDays: 5 },
      ],
      outputs: ['fire-opinion'],
    },
    {
      code: 'liquor-filing',
      name: label('酒类零售备案', 'Liquor retail filing'),
      department: 'commerce',
      type: 'filing',
      legalLimitDays: 5,
      promisedLimitDays: 2,
      form: [
        {
          key: 'liquorBrands',
          label: label('经营酒类', 'Liquor sold'),
          type: 'text',
          required: true,
        },
      ],
      materials: [
        { material: 'id-card', required: true, tolerable: false },
        { material: 'supplier-contract', required: false, tolerable: true },
      ],
      specialProcedures: [],
      outputs: [],
    },
    {
      code: 'signboard',
      name: label('户外招牌设置', 'Outdoor signboard'),
      department: 'city-management',
      type: 'licence',
      legalLimitDays: 10,
      promisedLimitDays: 5,
      form: [
        { key: 'signText', label: label('招牌文字', 'Sign text'), type: 'string', required: true },
      ],
      materials: [{ material: 'sign-design', required: true, tolerable: false }],
      commitment: { allowed: true, postCheckDays: 10 },
      specialProcedures: [],
      outputs: ['signboard-permit'],
    },
  ];
}

export function restaurantBundle(overrides: Partial<BundleDefinition> = {}): ResolvedBundle {
  const bundle: BundleDefinition = {
    code: 'open-restaurant',
    name: label('开餐馆', 'Open a restaurant'),
    version: 3,
    applicantKind: 'enterprise',
    form: [
      {
        key: 'shopName',
        label: label('店名', 'Shop name'),
        type: 'string',
        required: true,
        maxLength: 50,
      },
      {
        key: 'sellsLiquor',
        label: label('是否售酒', 'Sells liquor'),
        type: 'boolean',
        required: true,
      },
      {
        key: 'hasSignboard',
        label: label('是否设置招牌', 'Outdoor sign'),
        type: 'boolean',
        required: true,
      },
    ],
    items: [
      { item: 'biz-licence' },
      { item: 'food-licence', dependsOn: ['business-licence'] },
      { item: 'fire-check' },
      {
        item: 'liquor-filing',
        when: { field: 'sellsLiquor', equals: true },
        dependsOn: ['food-licence'],
      },
      { item: 'signboard', when: { field: 'hasSignboard', truthy: true } },
    ],
    promisedLimitDays: 15,
    supplement: { deadlineDays: 10, onExpiry: 'suspend-case' },
    delivery: ['window', 'post', 'online'],
    ...overrides,
  };
  return {
    bundle,
    items: restaurantItems(),
    materials: [
      {
        code: 'id-card',
        name: label('身份证', 'ID card'),
        acceptedForms: ['original', 'electronic'],
      },
      { code: 'lease', name: label('租赁合同', 'Lease'), acceptedForms: ['copy'] },
      {
        code: 'biz-licence-copy',
        name: label('营业执照', 'Business licence'),
        acceptedForms: ['copy', 'electronic'],
      },
      {
        code: 'health-cert',
        name: label('健康证明', 'Health certificates'),
        acceptedForms: ['copy'],
      },
      { code: 'floor-plan', name: label('平面布局图', 'Floor plan'), acceptedForms: ['original'] },
      {
        code: 'supplier-contract',
        name: label('供货合同', 'Supplier contract'),
        acceptedForms: ['copy'],
      },
      {
        code: 'sign-design',
        name: label('招牌设计图', 'Sign design'),
        acceptedForms: ['electronic'],
      },
    ],
    licenceTypes: [
      {
        code: 'business-licence',
        name: label('营业执照', 'business licence'),
        kind: 'licence',
        issuer: 'market-regulation',
      },
      {
        code: 'food-licence',
        name: label('食品经营许可证', 'food-operation licence'),
        kind: 'licence',
        issuer: 'market-regulation',
      },
      {
        code: 'fire-opinion',
        name: label('消防检查意见书', 'fire-safety opinion'),
        kind: 'document',
        issuer: 'fire-rescue',
      },
      {
        code: 'signboard-permit',
        name: label('招牌设置许可', 'signboard permit'),
        kind: 'licence',
        issuer: 'city-management',
      },
    ],
    departments: [
      { code: 'market-regulation', name: label('市场监督管理局', 'Market regulation') },
      { code: 'fire-rescue', name: label('消防救援大队', 'Fire and rescue') },
      { code: 'commerce', name: label('商务局', 'Commerce') },
      { code: 'city-management', name: label('城市管理局', 'City management') },
    ],
  };
}
