/**
 * The position after the last row of a page of the access log, newest first: the row's
 * time and id, so that rows written meanwhile never shift a page. Opaque to clients
 * (base64url JSON); one that does not decode is refused, never guessed at.
 */
export interface AccessLogPosition {
  at: Date;
  id: string;
}

export function encodeAccessLogCursor(position: AccessLogPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString(
    'base64url',
  );
}

/** The position, or null when `cursor` is not one this API made. */
export function decodeAccessLogCursor(cursor: string): AccessLogPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [at, id] = value as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) {
      return null;
    }
    const instant = new Date(at);
    return Number.isNaN(instant.getTime()) || instant.toISOString() !== at
      ? null
      : { at: instant, id };
  } catch {
    return null;
  }
}
