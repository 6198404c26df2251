import { sniffContentType } from './content-sniffer.js';

describe('sniffContentType', () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect(sniffContentType(Buffer.from('%PDF-1.7\n...'))).toBe('application/pdf');
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'image/png',
    );
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
  });

  it('refuses anything else, whatever it is called', () => {
    expect(sniffContentType(Buffer.from('MZ\x90\x00 executable'))).toBeNull();
    expect(sniffContentType(Buffer.from('<html>%PDF-'))).toBeNull();
    expect(sniffContentType(Buffer.from([0x89, 0x50]))).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
  });
});
