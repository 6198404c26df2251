import { Module } from '@nestjs/common';
import { PiiModule } from '@onevisit/pii';
import { DepartmentKeyStore } from './department-key.store.js';
import { LicenceHolderCipher } from './licence-holder-cipher.js';
import { LicenceIssuer } from './licence-issuer.service.js';
import { LicenceRegistry } from './licence-registry.service.js';

/**
 * Issuing, revoking and verifying licences on the database. Needs PersistenceModule;
 * holders' ID numbers are encrypted with the PII keyring.
 */
@Module({
  imports: [PiiModule],
  providers: [DepartmentKeyStore, LicenceHolderCipher, LicenceIssuer, LicenceRegistry],
  exports: [DepartmentKeyStore, LicenceHolderCipher, LicenceIssuer, LicenceRegistry],
})
export class LicencesModule {}
