import type { MergedField } from '../compiled.types.js';
import type { FieldType } from '../definition.types.js';
import { validateAnswers } from './validate-answers.js';

function field(key: string, type: FieldType, extra: Partial<MergedField> = {}): MergedField {
  return { key, label: { zh: key, en: key }, type, required: false, usedBy: ['bundle'], ...extra };
}

const form: MergedField[] = [
  field('applicantName', 'string', { required: true, minLength: 2, maxLength: 20 }),
  field('idNumber', 'id-number', { required: true, personal: true }),
  field('phone', 'phone', { required: true, personal: true }),
  field('openingDate', 'date'),
  field('seats', 'integer', { min: 1, max: 500 }),
  field('area', 'number', { min: 0 }),
  field('sellsLiquor', 'boolean', { required: true }),
  field('liquorLicenceNote', 'text', {
    usedBy: ['liquor-retail-filing'],
    requiredWhen: [{ field: 'sellsLiquor', equals: true }],
  }),
  field('premises', 'enum', {
    options: [
      { value: 'owned', label: { zh: '自有', en: 'owned' } },
      { value: 'rented', label: { zh: '租赁', en: 'rented' } },
    ],
  }),
  field('leaseYears', 'integer', { requiredWhen: [{ field: 'premises', in: ['rented'] }] }),
  field('companyCode', 'credit-code'),
  field('address', 'address', { maxLength: 5 }),
  field('postcode', 'string', { pattern: '\\d{6}' }),
];

const valid = {
  applicantName: ' 张三 ',
  idNumber: '11010519491231002x',
  phone: '+86 138-0013-8000',
  sellsLiquor: false,
};

describe('validateAnswers', () => {
  it('accepts a complete form and normalises it', () => {
    const result = validateAnswers(form, {
      ...valid,
      openingDate: '2025-03-01',
      seats: 40,
      area: 85.5,
      premises: ' rented ',
      leaseYears: 3,
      companyCode: ' 91350100m000100y43',
      address: '人民路1号',
      postcode: '350100',
      liquorLicenceNote: '   ',
    });
    expect(result.errors).toEqual([]);
    expect(result.value).toEqual({
      applicantName: '张三',
      idNumber: '11010519491231002X',
      phone: '13800138000',
      sellsLiquor: false,
      openingDate: '2025-03-01',
      seats: 40,
      area: 85.5,
      premises: 'rented',
      leaseYears: 3,
      companyCode: '91350100M000100Y43',
      address: '人民路1号',
      postcode: '350100',
    });
  });

  it('refuses answers that are not an object', () => {
    for (const answers of [null, 'x', [valid], 3]) {
      const result = validateAnswers(form, answers);
      expect(result.value).toBeUndefined();
      expect(result.errors).toEqual([{ field: '', message: expect.stringContaining('object') }]);
    }
  });

  it('reports every problem at once, each naming its field', () => {
    const result = validateAnswers(form, { phone: '12345', surprise: 1 });
    expect(result.value).toBeUndefined();
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { field: 'surprise', message: 'is not a field of this form' },
        { field: 'phone', message: expect.stringContaining('mobile') },
        { field: 'applicantName', message: 'is required' },
        { field: 'idNumber', message: 'is required' },
        { field: 'sellsLiquor', message: 'is required' },
      ]),
    );
    expect(result.errors).toHaveLength(5);
  });

  it('treats null, blank text and absent keys alike as unanswered', () => {
    const result = validateAnswers(form, { ...valid, applicantName: '  ', openingDate: null });
    expect(result.errors).toEqual([{ field: 'applicantName', message: 'is required' }]);
  });

  it.each([
    ['a condition on a boolean holds', { sellsLiquor: true }, 'liquorLicenceNote'],
    ['a condition on an enum holds', { premises: 'rented' }, 'leaseYears'],
  ])('requires a conditional field when %s', (_name, extra, missing) => {
    const result = validateAnswers(form, { ...valid, ...extra });
    expect(result.errors).toEqual([
      { field: missing, message: expect.stringContaining('required') },
    ]);
  });

  it('does not require a conditional field when its condition fails', () => {
    expect(validateAnswers(form, { ...valid, premises: 'owned' }).errors).toEqual([]);
    expect(
      validateAnswers(form, { ...valid, sellsLiquor: true, liquorLicenceNote: '零售' }).errors,
    ).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a number for a string', { applicantName: 42 }, 'applicantName', /must be text/],
    ['a name too short', { applicantName: '张' }, 'applicantName', /at least 2 characters/],
    [
      'a name too long',
      { applicantName: '张'.repeat(21) },
      'applicantName',
      /at most 20 characters/,
    ],
    ['a wrong ID check digit', { idNumber: '110105194912310021' }, 'idNumber', /check character/],
    [
      'an ID with an impossible birth date',
      { idNumber: '110105194902300021' },
      'idNumber',
      /birth date/,
    ],
    ['a landline for a mobile', { phone: '010-12345678' }, 'phone', /mobile/],
    ['a boolean as text', { sellsLiquor: 'yes' }, 'sellsLiquor', /true or false/],
    ['a date in another format', { openingDate: '2025/03/01' }, 'openingDate', /YYYY-MM-DD/],
    ['a date that does not exist', { openingDate: '2025-02-29' }, 'openingDate', /not a real date/],
    ['a fraction for an integer', { seats: 4.5 }, 'seats', /whole number/],
    ['an integer as a string', { seats: '40' }, 'seats', /whole number/],
    ['an integer above max', { seats: 501 }, 'seats', /at most 500/],
    ['an integer below min', { seats: 0 }, 'seats', /at least 1/],
    ['a non-finite number', { area: Number.NaN }, 'area', /must be a number/],
    ['a number below min', { area: -1 }, 'area', /at least 0/],
    ['an unknown option', { premises: 'borrowed' }, 'premises', /one of: owned, rented/],
    [
      'a wrong credit-code check',
      { companyCode: '91350100M000100Y44' },
      'companyCode',
      /check character/,
    ],
    ['a malformed credit code', { companyCode: 'ABC' }, 'companyCode', /18-character/],
    ['an address too long (in characters)', { address: '卫东区人民路1号' }, 'address', /at most 5/],
    ['a pattern that only partly matches', { postcode: '3501000' }, 'postcode', /required format/],
    ['a list where text is expected', { postcode: ['350100'] }, 'postcode', /must be text/],
  ])('rejects %s', (_name, bad, key, message) => {
    const result = validateAnswers(form, { ...valid, ...bad });
    expect(result.value).toBeUndefined();
    expect(result.errors).toEqual([{ field: key, message: expect.stringMatching(message) }]);
  });

  it('counts a false boolean as an answer', () => {
    expect(validateAnswers(form, valid).value).toMatchObject({ sellsLiquor: false });
  });
});
