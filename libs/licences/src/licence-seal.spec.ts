import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { generateDepartmentKeyPair, keyFingerprint } from './department-keys.js';
import { canonicalLicenceContent, type LicenceContent } from './licence-content.js';
import { sealLicence, verifyLicenceSeal } from './licence-seal.js';
import { verificationResult } from './licence-verification.js';

const market = generateDepartmentKeyPair();
const health = generateDepartmentKeyPair();

const licence: LicenceContent = {
  number: 'JY-20250103-000042',
  type: 'food-operation-licence',
  holder: { name: '卫东小馆有限公司', creditCode: '91350100M000100Y43' },
  issuer: 'market-regulation',
  issuedAt: '2025-01-03T10:15:00+08:00',
  validFrom: '2025-01-03',
  validUntil: '2030-01-02',
  caseId: 'c0a8012e-0000-4000-8000-000000000001',
  item: 'food-operation',
  particulars: { seats: 40, sellsLiquor: true, address: '卫东区人民路 1 号' },
};

/** One copy of the licence per field, that field changed: the seal must catch every one. */
const tampered: [string, LicenceContent][] = [
  ['number', { ...licence, number: 'JY-20250103-000043' }],
  ['type', { ...licence, type: 'liquor-retail-filing' }],
  [
    'holder name',
    { ...licence, holder: { name: '卫东大馆有限公司', creditCode: '91350100M000100Y43' } },
  ],
  [
    'holder identifier',
    { ...licence, holder: { name: '卫东小馆有限公司', creditCode: '91350100M000100Y44' } },
  ],
  [
    'holder kind',
    { ...licence, holder: { name: '卫东小馆有限公司', idNumber: '91350100M000100Y43' } },
  ],
  ['issuer', { ...licence, issuer: 'health' }],
  ['issuedAt', { ...licence, issuedAt: '2025-01-03T10:16:00+08:00' }],
  ['validFrom', { ...licence, validFrom: '2025-01-02' }],
  ['validUntil', { ...licence, validUntil: '2035-01-02' }],
  ['validUntil removed', { ...licence, validUntil: null }],
  ['caseId', { ...licence, caseId: 'c0a8012e-0000-4000-8000-000000000002' }],
  ['item', { ...licence, item: 'business-licence' }],
  ['a particular', { ...licence, particulars: { ...licence.particulars, seats: 400 } }],
  ['particulars removed', { ...licence, particulars: undefined }],
];

describe('licence seal', () => {
  const seal = sealLicence(licence, market.privateKey);

  it('round-trips: the issuing key verifies its own seal', () => {
    expect(seal).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifyLicenceSeal(licence, seal, market.publicKey)).toBe(true);
    expect(
      verificationResult(licence, seal, market.publicKey, null, new Date('2025-06-01T00:00:00Z')),
    ).toBe('valid');
  });

  it.each(tampered)('changing %s makes it forged', (_field, changed) => {
    expect(verifyLicenceSeal(changed, seal, market.publicKey)).toBe(false);
    expect(verificationResult(changed, seal, market.publicKey, null)).toBe('forged');
  });

  it('does not depend on key order or on properties outside the content', () => {
    const reordered = Object.fromEntries(
      Object.entries(licence).reverse(),
    ) as unknown as LicenceContent;
    const row = { ...licence, id: 7, createdAt: '2025-01-03T02:15:00Z' };
    expect(canonicalLicenceContent(reordered)).toBe(canonicalLicenceContent(licence));
    expect(verifyLicenceSeal(row, seal, market.publicKey)).toBe(true);
  });

  it("reports forged under another department's key", () => {
    expect(verifyLicenceSeal(licence, seal, health.publicKey)).toBe(false);
    expect(
      verificationResult(licence, sealLicence(licence, health.privateKey), market.publicKey, null),
    ).toBe('forged');
  });

  it('reports forged for an altered or malformed seal, or a key that is not Ed25519', () => {
    const flipped = (seal[10] === 'A' ? 'B' : 'A') as string;
    expect(
      verifyLicenceSeal(licence, seal.slice(0, 10) + flipped + seal.slice(11), market.publicKey),
    ).toBe(false);
    expect(verifyLicenceSeal(licence, `${seal}!`, market.publicKey)).toBe(false);
    expect(verifyLicenceSeal(licence, '', market.publicKey)).toBe(false);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(verifyLicenceSeal(licence, seal, rsa)).toBe(false);
    expect(() => sealLicence(licence, market.publicKey)).toThrow();
  });

  it('reports revoked for a genuine licence with a revocation record', () => {
    expect(
      verificationResult(licence, seal, market.publicKey, new Date('2025-02-01T00:00:00Z')),
    ).toBe('revoked');
    expect(verificationResult(licence, seal, market.publicKey, '2025-02-01T08:00:00+08:00')).toBe(
      'revoked',
    );
  });

  it('reports expired after the last day of validity, counted in Beijing', () => {
    const lastDayInBeijing = new Date('2030-01-02T15:59:00Z'); // 23:59 on 2 Jan
    const nextDayInBeijing = new Date('2030-01-02T16:00:00Z'); // 00:00 on 3 Jan
    expect(verificationResult(licence, seal, market.publicKey, null, lastDayInBeijing)).toBe(
      'valid',
    );
    expect(verificationResult(licence, seal, market.publicKey, null, nextDayInBeijing)).toBe(
      'expired',
    );
  });

  it('never expires a licence without validUntil', () => {
    const permanent = { ...licence, validUntil: null };
    const permanentSeal = sealLicence(permanent, market.privateKey);
    expect(
      verificationResult(permanent, permanentSeal, market.publicKey, null, new Date('2099-01-01')),
    ).toBe('valid');
  });

  it('seals a person holder identified by ID number', () => {
    const person: LicenceContent = {
      ...licence,
      holder: { name: '张三', idNumber: '11010519491231002X' },
    };
    expect(
      verifyLicenceSeal(person, sealLicence(person, market.privateKey), market.publicKey),
    ).toBe(true);
  });
});

describe('department keys', () => {
  it('exports PEM text in PKCS#8 and SPKI', () => {
    expect(market.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(market.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it('fingerprints the key, not its text', () => {
    const fingerprint = keyFingerprint(market.publicKey);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(market.fingerprint).toBe(fingerprint);
    expect(keyFingerprint(createPublicKey(market.publicKey))).toBe(fingerprint);
    expect(keyFingerprint(market.publicKey.replaceAll('\n', '\r\n'))).toBe(fingerprint);
    expect(keyFingerprint(health.publicKey)).not.toBe(fingerprint);
  });
});
