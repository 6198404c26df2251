import { maskIdNumber, maskName, maskPhone } from './masking.js';

describe('masking', () => {
  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone(' 13800138000 ')).toBe('138****8000');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('hides the birth date and sequence of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('11010519491231002X')).not.toContain('19491231');
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('')).toBe('');
  });
});
