/**
 * What an electronic licence (电子证照) says, and the exact bytes its seal covers.
 */
import canonicalize from 'canonicalize';

/**
 * Names the format of the sealed bytes. It is part of what is signed, so a department's
 * signature over a licence can never pass for its signature over anything else, and a
 * later format can be told apart from this one.
 */
export const LICENCE_FORMAT = 'onevisit-licence/1';

/** A person is identified by a resident ID number, an enterprise by its unified social credit code. */
export type LicenceHolder =
  | { name: string; idNumber: string; creditCode?: undefined }
  | { name: string; creditCode: string; idNumber?: undefined };

/** Type-specific entries printed on a licence (business scope, address, seats …). */
export type LicenceParticulars = Record<string, string | number | boolean | null>;

export interface LicenceContent {
  /** Readable licence number, see `licenceNumber`. */
  number: string;
  /** Licence type code from the catalogue. */
  type: string;
  holder: LicenceHolder;
  /** Code of the issuing department, whose key seals the licence. */
  issuer: string;
  /** Instant of issue, ISO 8601 with offset. */
  issuedAt: string;
  /** First day of validity, `YYYY-MM-DD` (Asia/Shanghai). */
  validFrom: string;
  /** Last day of validity, `YYYY-MM-DD` (Asia/Shanghai); `null` for no expiry. */
  validUntil: string | null;
  /** The case that produced it. */
  caseId: string;
  /** Service-item code that issued it. */
  item: string;
  particulars?: LicenceParticulars;
}

/**
 * The canonical JSON (RFC 8785) of a licence's content: the bytes the seal signs.
 *
 * Only the fields of `LicenceContent` are taken, so a database row or API object with
 * extra properties (ids, timestamps) gives the same bytes as the content it carries.
 */
export function canonicalLicenceContent(licence: LicenceContent): string {
  const holder =
    licence.holder.idNumber !== undefined
      ? { name: licence.holder.name, idNumber: licence.holder.idNumber }
      : { name: licence.holder.name, creditCode: licence.holder.creditCode };
  const sealed = {
    format: LICENCE_FORMAT,
    number: licence.number,
    type: licence.type,
    holder,
    issuer: licence.issuer,
    issuedAt: licence.issuedAt,
    validFrom: licence.validFrom,
    validUntil: licence.validUntil,
    caseId: licence.caseId,
    item: licence.item,
    ...(licence.particulars === undefined ? {} : { particulars: licence.particulars }),
  };
  const text = canonicalize(sealed);
  // canonicalize returns undefined only for inputs like a bare `undefined`; never for an object.
  if (text === undefined) throw new TypeError('licence content cannot be canonicalised');
  return text;
}
