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
