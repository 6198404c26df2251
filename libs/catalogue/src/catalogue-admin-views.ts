import type { DefinitionError, Label } from '@onevisit/definitions';
import type {
  CatalogueEntryBody,
  CatalogueEntryStatus,
  CatalogueKind,
} from '@onevisit/persistence';

/** One row of an admin listing of a catalogue kind. */
export interface CatalogueEntrySummary {
  code: string;
  name: Label;
  /** The latest published version; null for an entry that so far is only a draft. */
  version: number | null;
  hasDraft: boolean;
  updatedAt: Date;
}

/** A draft or a published version of an entry, without its body. */
export interface CatalogueVersionSummary {
  kind: CatalogueKind;
  code: string;
  /** null for the draft. */
  version: number | null;
  status: CatalogueEntryStatus;
  checksum: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

export interface CatalogueVersionDetail<
  TBody = CatalogueEntryBody,
> extends CatalogueVersionSummary {
  /** The entry as written (a Department, Material, LicenceType or ServiceItem). */
  body: TBody;
}

/**
 * A bundle version that froze a copy of the entry. Cases pin bundle versions, so this is
 * the content their cases run on, whatever the catalogue says now.
 */
export interface CatalogueEntryUse {
  bundle: string;
  bundleVersion: number;
  bundleStatus: 'published' | 'retired';
  /** The entry's version whose content the bundle version froze; null if none matches. */
  entryVersion: number | null;
  /** The frozen copy is the entry's latest published version. */
  upToDate: boolean;
}

export interface CatalogueEntryOverview {
  kind: CatalogueKind;
  code: string;
  name: Label;
  version: number | null;
  hasDraft: boolean;
  /** Newest first. */
  versions: CatalogueVersionSummary[];
  usedBy: CatalogueEntryUse[];
}

/**
 * What the next publish of a bundle using the entry would meet with the entry's new
 * content: its errors, if any. The bundle's published versions never change.
 */
export interface BundleImpact {
  bundle: string;
  /** The bundle's newest published version, which new cases start on until it is republished. */
  bundleVersion: number;
  /** Which definition was checked: the bundle's draft if it has one, else that version's. */
  checked: 'draft' | 'version';
  errors: DefinitionError[];
}

export interface CatalogueCheck {
  valid: boolean;
  errors: DefinitionError[];
  /** Bundles using the entry, checked against the new content (empty when invalid). */
  impact: BundleImpact[];
}

export interface CataloguePublishResult {
  /** False when the content was already the latest version, which is returned. */
  created: boolean;
  version: CatalogueVersionDetail;
  /** Bundles whose newest version froze an earlier content: republish them to take this one up. */
  impact: BundleImpact[];
}
