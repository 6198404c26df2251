/**
 * The type of an uploaded file by its first bytes (magic numbers), never by the name or
 * the content type the client claims: a renamed executable stays an executable.
 */
const SIGNATURES: readonly { type: string; bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** `application/pdf`, `image/png`, `image/jpeg`, or null when the content is none of them. */
export function sniffContentType(content: Uint8Array): string | null {
  const match = SIGNATURES.find(
    ({ bytes }) => content.length >= bytes.length && bytes.every((byte, i) => content[i] === byte),
  );
  return match?.type ?? null;
}
