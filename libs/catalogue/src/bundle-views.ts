import type {
  BundleDefinition,
  CompiledBundle,
  Label,
  MergedField,
  MergedMaterial,
  OneTimeNotification,
} from '@onevisit/definitions';
import type { BundleStatus } from '@onevisit/persistence';

/** One row of the admin listing: a draft or a version, without the heavy JSON. */
export interface BundleVersionSummary {
  code: string;
  version: number | null;
  status: BundleStatus;
  checksum: string | null;
  createdBy: string;
  createdAt: Date;
  publishedAt: Date | null;
  retiredAt: Date | null;
}

export interface BundleOverview {
  code: string;
  name: Label;
  hasDraft: boolean;
  latestVersion: number | null;
  versions: BundleVersionSummary[];
}

export interface BundleVersionDetail extends BundleVersionSummary {
  /** The definition as the author wrote it. */
  definition: BundleDefinition;
  compiled: CompiledBundle | null;
}

export interface PublishResult {
  /** False when the content matched an existing published version, which is returned. */
  created: boolean;
  version: BundleVersionDetail;
}

export interface PublicBundleItem {
  code: string;
  name: Label;
  department: string;
  departmentName: Label;
  promisedLimitDays: number;
  conditional: boolean;
}

/** An entry of the public catalogue: the latest live version of a bundle. */
export interface PublicBundleSummary {
  code: string;
  name: Label;
  description?: string;
  version: number;
  applicantKind: BundleDefinition['applicantKind'];
  promisedLimitDays: number;
  estimatedDays: number;
  items: PublicBundleItem[];
}

export interface PublicBundleDetail {
  code: string;
  name: Label;
  description?: string;
  version: number;
  form: MergedField[];
  materials: MergedMaterial[];
  notification: OneTimeNotification;
}
