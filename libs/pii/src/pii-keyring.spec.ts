import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decryptAnswers,
  encryptAnswers,
  personalKeysOf,
  reencryptAnswers,
} from './personal-fields.js';
import { keyringOf, loadPiiKeyring } from './pii-config.js';
import { isCiphertext, PiiKeyring } from './pii-keyring.js';
import { maskValue, redactPersonalText } from './pii-masking.js';

const k1 = PiiKeyring.generateKey();
const k2 = PiiKeyring.generateKey();
const hashKey = PiiKeyring.generateKey();
const ID = '11010519491231002X';

describe('PiiKeyring', () => {
  it('encrypts with AES-256-GCM under the current key id, differently each time', () => {
    const keyring = keyringOf(`k1:${k1}`, hashKey);
    const a = keyring.encrypt(ID);
    const b = keyring.encrypt(ID);
    expect(a).toMatch(/^enc:v1:k1:[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(ID);
    expect(keyring.decrypt(a)).toBe(ID);
  });

  it('refuses tampered ciphertext and a relabelled key id', () => {
    const keyring = keyringOf(`k1:${k1},k2:${k2}`, hashKey);
    const value = keyring.encrypt(ID);
    const body = value.slice('enc:v1:k1:'.length);
    // Change the first character: the last ones may only carry base64's padding bits, which
    // decode to the same bytes, and then nothing was tampered with at all.
    const flipped = (body.startsWith('A') ? 'B' : 'A') + body.slice(1);
    expect(() => keyring.decrypt(`enc:v1:k1:${flipped}`)).toThrow(/authentication/);
    expect(() => keyring.decrypt(`enc:v1:k2:${body}`)).toThrow(/authentication/);
    expect(() => keyring.decrypt(`enc:v1:k9:${body}`)).toThrow(/unknown key id k9/);
  });

  it('rotates: old values decrypt with a listed old key and re-encrypt under the new one', () => {
    const old = keyringOf(`k1:${k1}`, hashKey);
    const stored = encryptAnswers({ applicantIdNumber: ID, floor: 3 }, ['applicantIdNumber'], old);
    const rotated = keyringOf(`k2:${k2},k1:${k1}`, hashKey);
    expect(rotated.needsRotation(stored.applicantIdNumber)).toBe(true);
    const { answers, changed } = reencryptAnswers(stored, rotated);
    expect(changed).toBe(true);
    expect(answers.applicantIdNumber).toMatch(/^enc:v1:k2:/);
    expect(decryptAnswers(answers, keyringOf(`k2:${k2}`, hashKey))).toEqual({
      applicantIdNumber: ID,
      floor: 3,
    });
    expect(reencryptAnswers(answers, rotated).changed).toBe(false);
  });

  it('hashes with its own key: stable for lookup, different under another key', () => {
    const keyring = keyringOf(`k1:${k1}`, hashKey);
    expect(keyring.hash(ID)).toBe(keyringOf(`k2:${k2}`, hashKey).hash(ID));
    expect(keyring.hash(ID)).not.toBe(keyringOf(`k1:${k1}`, k2).hash(ID));
    expect(keyring.hash(ID)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects bad configuration', () => {
    expect(() => keyringOf('nokey', hashKey)).toThrow(/keyId:base64key/);
    expect(() => keyringOf('k1:c2hvcnQ=', hashKey)).toThrow(/32 bytes/);
    expect(() => keyringOf(`k1:${k1},k1:${k2}`, hashKey)).toThrow(/unique/);
    expect(() => loadPiiKeyring({ PII_KEYS: `k1:${k1}` }, '.')).toThrow(/together/);
  });

  it('generates the embedded keys once, private to the owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pii-'));
    try {
      const first = loadPiiKeyring({}, dir);
      const value = first.encrypt(ID);
      expect(loadPiiKeyring({}, dir).decrypt(value)).toBe(ID);
      expect(statSync(join(dir, 'pii-keys.json')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('personal answers', () => {
  const form = [
    { key: 'name', type: 'string' as const },
    { key: 'id', type: 'id-number' as const },
    { key: 'mobile', type: 'phone' as const },
    { key: 'home', type: 'address' as const, personal: true },
  ];

  it('encrypts id numbers, phones and fields marked personal, keeping types', () => {
    const keyring = keyringOf(`k1:${k1}`, hashKey);
    expect(personalKeysOf(form)).toEqual(['id', 'mobile', 'home']);
    const answers = { name: '张三', id: ID, mobile: '13800138000', home: '福州市' };
    const sealed = encryptAnswers(answers, personalKeysOf(form), keyring);
    expect(sealed.name).toBe('张三');
    expect([sealed.id, sealed.mobile, sealed.home].every(isCiphertext)).toBe(true);
    expect(encryptAnswers(sealed, personalKeysOf(form), keyring)).toEqual(sealed);
    expect(decryptAnswers(sealed, keyring)).toEqual(answers);
  });

  it('masks values and free text', () => {
    expect(maskValue(ID, 'id-number')).toBe('110***********002X');
    expect(maskValue('13800138000', 'phone')).toBe('138****8000');
    expect(maskValue('福州市鼓楼区', 'address')).toBe('福*****');
    expect(redactPersonalText(`id=${ID} tel 13800138000, order 1234567890123456789012`)).toBe(
      'id=110***********002X tel 138****8000, order 1234567890123456789012',
    );
  });
});
