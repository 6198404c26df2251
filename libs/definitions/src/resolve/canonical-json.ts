/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme): keys sorted, no whitespace,
 * numbers in their shortest ECMAScript form. Two documents with the same content give
 * the same text whatever their key order, which is what a checksum needs.
 */
import canonicalize from 'canonicalize';

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}
