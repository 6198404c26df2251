import { Injectable } from '@nestjs/common';
import type { LicenceEntity } from '@onevisit/persistence';
import { licenceHolderKey, openLicenceRow, PiiKeyring, sealLicenceRow } from '@onevisit/pii';

/**
 * The PII keyring applied to licence rows: ID numbers are encrypted at rest and
 * `holder_id` is a keyed hash (see `sealLicenceRow`). Issuer and registry write sealed
 * rows and hand out opened ones, so callers never see ciphertext.
 */
@Injectable()
export class LicenceHolderCipher {
  constructor(private readonly keyring: PiiKeyring) {}

  /** What `holder_id` holds for an ID number or credit code. */
  lookupKey(holderIdentifier: string): string {
    return licenceHolderKey(this.keyring, holderIdentifier);
  }

  seal(row: LicenceEntity): LicenceEntity {
    return sealLicenceRow(this.keyring, row);
  }

  open(row: LicenceEntity): LicenceEntity {
    return openLicenceRow(this.keyring, row);
  }
}
