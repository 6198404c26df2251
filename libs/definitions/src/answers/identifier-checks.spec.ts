import {
  creditCodeProblem,
  isRealDate,
  mobilePhoneProblem,
  residentIdNumberProblem,
} from './identifier-checks.js';

// Check characters computed here from the standards' definitions (weights as powers),
// independently of the weight tables in the code under test.
function withIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return first17 + '10X98765432'.charAt(sum % 11);
}

const CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function withCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CODE_CHARACTERS.indexOf(first17.charAt(i)) * (3 ** i % 31);
  return first17 + CODE_CHARACTERS.charAt((31 - (sum % 31)) % 31);
}

/** Replaces the last character with every other allowed one: each must fail. */
function wrongChecks(valid: string, alphabet: string): string[] {
  return [...alphabet].filter((c) => c !== valid.slice(-1)).map((c) => valid.slice(0, -1) + c);
}

describe('resident ID numbers (GB 11643)', () => {
  it.each([
    '11010519491231002X', // the standard's own example, check character X
    '440524188001010014', // the standard's other example, born 1880
    withIdCheck('11010520000229123'), // born on a leap day
    withIdCheck('65010219991231456'),
  ])('accepts %s', (value) => {
    expect(residentIdNumberProblem(value)).toBeUndefined();
  });

  it('rejects every wrong check character', () => {
    const valid = withIdCheck('32010619850615001');
    for (const wrong of wrongChecks(valid, '0123456789X')) {
      expect(residentIdNumberProblem(wrong)).toMatch(/check character/);
    }
  });

  it.each([
    ['too short', '11010519491231002', /18-character/],
    ['15-digit old format', '110105491231002', /18-character/],
    ['letter inside', '1101051949123100AX', /18-character/],
    ['lower-case x (normalised before this check)', '11010519491231002x', /18-character/],
    ['Feb 29 of a common year', withIdCheck('11010520010229123'), /birth date/],
    ['month 13', withIdCheck('11010519991301123'), /birth date/],
    ['day 00', withIdCheck('11010519990100123'), /birth date/],
  ])('rejects %s', (_name, value, message) => {
    expect(residentIdNumberProblem(value)).toMatch(message);
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it.each([
    '91350100M000100Y43', // the standard's example
    withCodeCheck('9111010510000001X'),
    withCodeCheck('12100000400000001'),
    withCodeCheck('Y1440300MA5DAAAAA'),
  ])('accepts %s', (value) => {
    expect(creditCodeProblem(value)).toBeUndefined();
  });

  it('rejects every wrong check character', () => {
    for (const wrong of wrongChecks('91350100M000100Y43', CODE_CHARACTERS)) {
      expect(creditCodeProblem(wrong)).toMatch(/check character/);
    }
  });

  it.each([
    ['17 characters', '91350100M000100Y4'],
    ['a letter I, which the code never uses', '91350100M000100I43'],
    ['a letter in the area code', '9135010AM000100Y43'],
    ['lower case (normalised before this check)', '91350100m000100y43'],
  ])('rejects %s', (_name, value) => {
    expect(creditCodeProblem(value)).toMatch(/18-character/);
  });
});

describe('mobile numbers and dates', () => {
  it.each([
    ['13800138000', true],
    ['19912345678', true],
    ['12800138000', false],
    ['1380013800', false],
    ['138001380000', false],
  ])('mobile %s valid: %s', (value, valid) => {
    expect(mobilePhoneProblem(value) === undefined).toBe(valid);
  });

  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2025-04-31', false],
    ['2025-00-10', false],
    ['2025-1-10', false],
  ])('date %s real: %s', (value, real) => {
    expect(isRealDate(value)).toBe(real);
  });
});
