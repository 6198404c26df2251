import { Module } from '@nestjs/common';
import { DepartmentKeyStore } from './department-key.store.js';
import { LicenceIssuer } from './licence-issuer.service.js';
import { LicenceRegistry } from './licence-registry.service.js';

/** Issuing, revoking and verifying licences on the database. Needs PersistenceModule. */
@Module({
  providers: [DepartmentKeyStore, LicenceIssuer, LicenceRegistry],
  exports: [DepartmentKeyStore, LicenceIssuer, LicenceRegistry],
})
export class LicencesModule {}
