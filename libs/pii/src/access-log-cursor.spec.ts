import { decodeAccessLogCursor, encodeAccessLogCursor } from './access-log-cursor.js';

describe('access log cursor', () => {
  const position = {
    at: new Date('2026-12-07T03:04:05.678Z'),
    id: '0b6c2d1e-8f4a-4c3b-9d2e-1f0a9b8c7d6e',
  };

  it('round-trips a position', () => {
    expect(decodeAccessLogCursor(encodeAccessLogCursor(position))).toEqual(position);
  });

  it('refuses anything it did not make', () => {
    const made = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      '',
      'not base64 at all!',
      made({ at: position.at, id: position.id }),
      made(['2026-13-45T00:00:00.000Z', position.id]),
      made(['2026-12-07', position.id]),
      made([position.at.toISOString(), "x' OR 1=1"]),
    ]) {
      expect([cursor, decodeAccessLogCursor(cursor)]).toEqual([cursor, null]);
    }
  });
});
