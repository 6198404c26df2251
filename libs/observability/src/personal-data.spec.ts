import { maskPersonalData, maskText } from './personal-data.js';

const ID = '11010519491231002X';
const PHONE = '13800138000';

describe('personal data in logs', () => {
  it('masks identifiers by key, at any depth, and drops secrets', () => {
    const masked = maskPersonalData({
      answers: { applicantIdNumber: ID, applicantPhone: PHONE, applicantName: '张三' },
      headers: { authorization: 'Bearer abc.def.ghi' },
      list: [{ legalRepresentativeIdNumber: ID }],
    });
    const text = JSON.stringify(masked);
    expect(text).not.toContain(ID);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('abc.def.ghi');
    expect(text).toContain('张三');
    expect(masked).toMatchObject({ answers: { applicantPhone: '138****8000' } });
  });

  it('masks numbers inside free text but leaves other digits alone', () => {
    const line = maskText(`case for ${ID}, call ${PHONE}, order 12345`);
    expect(line).not.toContain(ID);
    expect(line).not.toContain(PHONE);
    expect(line).toContain('order 12345');
  });

  it('survives cycles', () => {
    const a: Record<string, unknown> = { phone: PHONE };
    a.self = a;
    expect(() => JSON.stringify(maskPersonalData(a))).not.toThrow();
  });
});
