import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

/**
 * RFC 8785 for JSON values, written out plainly: keys in UTF-16 code-unit order, no
 * whitespace, strings and numbers as ECMAScript's JSON.stringify writes them.
 */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${reference((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/**
 * Published definitions carry a checksum of this text, so the library behind it may not
 * change a byte of it (canonicalize is pinned to 4.x, which runs on Node 20; 5.x wrote the
 * same text for every value below).
 */
describe('canonicalJson', () => {
  it('is RFC 8785 for every JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes the RFC 8785 sample as the RFC does', () => {
    const sample = {
      numbers: [333333333.3333333, 1e30, 4.5, 0.002, 1e-27],
      string: '€$\u000f\nA\'B"\\\\"/',
      literals: [null, true, false],
    };
    expect(canonicalJson(sample)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('gives every shipped workflow file the text of the reference', () => {
    const files = jsonFiles(join(process.cwd(), 'workflows'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow('NaN is not allowed');
    expect(() => canonicalJson({ s: '\ud800' })).toThrow('Lone surrogate is not allowed');
  });
});
