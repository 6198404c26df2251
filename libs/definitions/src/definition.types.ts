/**
 * The definition format: catalogues and bundles as plain data.
 *
 * These types are the contract between the files under `workflows/`, the admin API,
 * the validator, the compiler and the case engine. They carry no framework import.
 */

/** A label shown to people: Chinese first (the official wording), English beside it. */
export interface Label {
  zh: string;
  en: string;
}

// ---------------------------------------------------------------- catalogues

export interface Department {
  /** Stable code, e.g. `market-regulation`. */
  code: string;
  name: Label;
}

export const MATERIAL_FORMS = ['original', 'copy', 'electronic'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];

export interface Material {
  code: string;
  name: Label;
  description?: string;
  acceptedForms: MaterialForm[];
}

export const LICENCE_KINDS = ['licence', 'certificate', 'document'] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];

/** A type of electronic licence / certificate that an item can issue and a material can accept. */
export interface LicenceType {
  code: string;
  name: Label;
  kind: LicenceKind;
  /** Department that issues and seals it. */
  issuer: string;
  /** Validity in years; absent means no expiry. */
  validityYears?: number;
}

export const FIELD_TYPES = [
  'string',
  'text',
  'integer',
  'number',
  'boolean',
  'date',
  'enum',
  'id-number',
  'phone',
  'credit-code',
  'address',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface EnumOption {
  value: string;
  label: Label;
}

/** One field of a form. Two fields with the same key must be defined identically (but for `required`). */
export interface FormField {
  key: string;
  label: Label;
  type: FieldType;
  required: boolean;
  /** Regular expression (ECMAScript syntax) the whole answer must match. */
  pattern?: string;
  /** For `enum` fields. */
  options?: EnumOption[];
  /** For `integer` / `number`. */
  min?: number;
  max?: number;
  /** For text-like fields. */
  minLength?: number;
  maxLength?: number;
  /** Personal data (ID numbers, phones): encrypted at rest, masked where not needed. */
  personal?: boolean;
}

export interface ItemMaterial {
  material: string;
  required: boolean;
  /** 容缺: may be supplied after acceptance (deficiency-tolerant). */
  tolerable: boolean;
  /** 免证可办: a licence of this type (already held, or produced in the case) satisfies it. */
  satisfiedByLicence?: string;
}

export const ITEM_TYPES = [
  'licence',
  'filing',
  'confirmation',
  'registration',
  'public-service',
  'benefit',
  'other',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const PROCEDURE_KINDS = [
  'site-inspection',
  'expert-review',
  'public-notice',
  'hearing',
  'testing',
  'other',
] as const;
export type ProcedureKind = (typeof PROCEDURE_KINDS)[number];

/** 特殊环节: does not count against the item's limit; has its own. */
export interface SpecialProcedure {
  kind: ProcedureKind;
  name: Label;
  maxDays: number;
}

/** 告知承诺制: approve on pledge, check later. */
export interface CommitmentRule {
  allowed: boolean;
  /** Working days within which the post-check must happen. */
  postCheckDays: number;
}

/**
 * 秒批 (instant approval): the item is decided by a rule instead of an officer. When the
 * rule holds on the form answers (and, if asked, the shared-data identity check matched),
 * the item is approved at once; when it cannot decide, an officer reviews it as usual.
 */
export interface InstantApprovalRule {
  /** Must hold on the answers; fields are the item's own form fields. */
  when: Condition;
  /** Also require the applicant's identity check against shared data (共享核验) to match. */
  requiresIdentityCheck?: boolean;
}

/** 政务服务事项: one item in the service-item catalogue. */
export interface ServiceItem {
  code: string;
  name: Label;
  department: string;
  type: ItemType;
  /** 法定时限, working days. */
  legalLimitDays: number;
  /** 承诺时限, working days; never above the legal limit. */
  promisedLimitDays: number;
  form: FormField[];
  materials: ItemMaterial[];
  commitment?: CommitmentRule;
  /** 秒批: decided automatically when the rule holds, else by an officer. */
  instantApproval?: InstantApprovalRule;
  specialProcedures: SpecialProcedure[];
  /** Licence types this item issues on approval. */
  outputs: string[];
}

// ---------------------------------------------------------------- bundles

/** A condition on form answers. Small on purpose: every field it names can be checked at publish. */
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: (string | number)[] }
  | { field: string; truthy: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface BundleItem {
  /** Service-item code from the catalogue. */
  item: string;
  /** The item applies only when this holds on the form answers; otherwise it is not applicable. */
  when?: Condition;
  /** Licence types (outputs of other items of this bundle) this item must wait for. */
  dependsOn?: string[];
}

export const EXPIRY_RULES = ['suspend-case', 'end-affected-items'] as const;
export type ExpiryRule = (typeof EXPIRY_RULES)[number];

export interface SupplementRule {
  /** Working days after acceptance to supply tolerated materials. */
  deadlineDays: number;
  onExpiry: ExpiryRule;
}

export const DELIVERY_OPTIONS = ['window', 'post', 'online'] as const;
export type DeliveryOption = (typeof DELIVERY_OPTIONS)[number];

export const APPLICANT_KINDS = ['person', 'enterprise'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** 一件事: the bundle as an author writes it (catalogue entries referenced by code). */
export interface BundleDefinition {
  code: string;
  name: Label;
  description?: string;
  /** Declared version; publishing assigns the next one when absent. */
  version?: number;
  applicantKind: ApplicantKind;
  /** Bundle-level fields, asked once beside the items' fields. */
  form: FormField[];
  items: BundleItem[];
  /** 承诺总时限, working days. */
  promisedLimitDays: number;
  supplement: SupplementRule;
  delivery: DeliveryOption[];
}

/** Everything a bundle may reference, by code. */
export interface Catalogue {
  departments: Department[];
  materials: Material[];
  licenceTypes: LicenceType[];
  items: ServiceItem[];
}

/**
 * A bundle with the catalogue entries it uses copied in. This is what a published
 * version freezes (and checksums): a later catalogue edit never changes a running case.
 */
export interface ResolvedBundle {
  bundle: BundleDefinition;
  items: ServiceItem[];
  materials: Material[];
  licenceTypes: LicenceType[];
  departments: Department[];
}

// ---------------------------------------------------------------- validation

/** One problem, located by a JSON pointer (RFC 6901) into the document that was checked. */
export interface DefinitionError {
  pointer: string;
  message: string;
  /** Machine-readable reason, e.g. `dependency-cycle`, `unknown-material`. */
  code: string;
}
