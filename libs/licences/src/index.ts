export {
  LICENCE_FORMAT,
  canonicalLicenceContent,
  type LicenceContent,
  type LicenceHolder,
  type LicenceParticulars,
} from './licence-content.js';
export {
  generateDepartmentKeyPair,
  keyFingerprint,
  toEd25519PublicKey,
  type DepartmentKeyPair,
} from './department-keys.js';
export { sealLicence, verifyLicenceSeal } from './licence-seal.js';
export { licenceNumber } from './licence-number.js';
export { verificationResult, type LicenceVerification } from './licence-verification.js';
export {
  holderIdOf,
  licenceHolderFromAnswers,
  licencePrefixOf,
  validUntilOf,
} from './licence-terms.js';
// NestJS services on the database; the files above stay free of framework imports.
export * from './nest/index.js';
