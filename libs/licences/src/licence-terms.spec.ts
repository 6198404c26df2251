import {
  holderIdOf,
  licenceHolderFromAnswers,
  licencePrefixOf,
  validUntilOf,
} from './licence-terms.js';

describe('licence terms', () => {
  it('takes the enterprise as holder when the answers name it with a credit code', () => {
    const holder = licenceHolderFromAnswers({
      applicantName: '张三',
      applicantIdNumber: '11010519491231002X',
      companyName: ' 卫东小馆有限公司 ',
      employerCreditCode: '91350100M000100Y43',
    });
    expect(holder).toEqual({ name: '卫东小馆有限公司', creditCode: '91350100M000100Y43' });
    expect(holderIdOf(holder!)).toBe('91350100M000100Y43');
  });

  it('falls back to the applicant and their ID number', () => {
    const holder = licenceHolderFromAnswers({
      applicantName: '张三',
      applicantIdNumber: '11010519491231002X',
      companyName: '卫东小馆有限公司',
    });
    expect(holder).toEqual({ name: '张三', idNumber: '11010519491231002X' });
    expect(licenceHolderFromAnswers({ applicantName: '张三' })).toBeNull();
  });

  it('ends validity the day before the anniversary', () => {
    expect(validUntilOf('2025-01-03', 5)).toBe('2030-01-02');
    expect(validUntilOf('2025-01-01', 1)).toBe('2025-12-31');
    expect(validUntilOf('2024-02-29', 1)).toBe('2025-02-28');
    expect(validUntilOf('2025-01-03', undefined)).toBeNull();
    expect(() => validUntilOf('2025-01-03', 0)).toThrow(RangeError);
  });

  it('makes the number prefix from the type code initials', () => {
    expect(licencePrefixOf('food-operation-licence')).toBe('FOL');
    expect(licencePrefixOf('business-licence')).toBe('BL');
    expect(licencePrefixOf('---')).toBe('L');
  });
});
