import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from './file-store.js';

describe('FileStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'file-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores content once under its sha256', async () => {
    const store = new FileStore(dir);
    const content = Buffer.from('%PDF-1.4 lease');
    const first = await store.put(content);
    const second = await store.put(Buffer.from(content));
    const expected = createHash('sha256').update(content).digest('hex');
    expect(first).toEqual({ sha256: expected, size: content.length });
    expect(second.sha256).toBe(expected);
    expect(readdirSync(join(dir, 'files'))).toEqual([expected]);
    expect(readFileSync(store.pathOf(expected), 'utf8')).toBe('%PDF-1.4 lease');
  });

  it('refuses a path that is not a checksum', () => {
    expect(() => new FileStore(dir).pathOf('../etc/passwd')).toThrow(/sha256/);
  });
});
