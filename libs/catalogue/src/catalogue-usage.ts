import { type EntityManager, In } from 'typeorm';
import {
  type BundleDefinition,
  type Catalogue,
  type CatalogueList,
  catalogueWith,
  type ResolvedBundle,
  validateBundle,
} from '@onevisit/definitions';
import { BundleDefinitionEntity } from '@onevisit/persistence';
import type { BundleImpact, CatalogueEntryUse } from './catalogue-admin-views.js';
import { contentChecksum } from './content-checksum.js';

/** A stored bundle version, as far as catalogue usage needs it. */
export type BundleUsageRow = Pick<
  BundleDefinitionEntity,
  'code' | 'version' | 'status' | 'body' | 'resolved'
>;

/** Published and retired bundle versions, and the drafts, without their compiled forms. */
export async function bundleRowsForUsage(
  manager: EntityManager,
): Promise<{ versions: BundleUsageRow[]; drafts: BundleUsageRow[] }> {
  const rows = await manager.find(BundleDefinitionEntity, {
    where: { status: In(['published', 'retired', 'draft']) },
    select: { id: true, code: true, version: true, status: true, body: true, resolved: true },
    order: { code: 'ASC', version: 'ASC' },
  });
  return {
    versions: rows.filter((row) => row.status !== 'draft'),
    drafts: rows.filter((row) => row.status === 'draft'),
  };
}

/** The copy of entry `code` a bundle version froze, if it uses it. */
function frozenEntry(
  resolved: ResolvedBundle | null,
  list: CatalogueList,
  code: string,
): object | undefined {
  return (resolved?.[list] as { code: string }[] | undefined)?.find((entry) => entry.code === code);
}

/**
 * Every bundle version that froze a copy of the entry, with the entry version that copy
 * is (matched by content checksum). `versions` are the entry's published versions.
 */
export function usesOf(
  rows: BundleUsageRow[],
  list: CatalogueList,
  code: string,
  versions: { version: number | null; checksum: string }[],
): CatalogueEntryUse[] {
  const latest = Math.max(0, ...versions.map((row) => row.version ?? 0));
  return rows.flatMap((row) => {
    const entry = frozenEntry(row.resolved, list, code);
    if (!entry || row.version === null || row.status === 'draft') return [];
    const checksum = contentChecksum(entry);
    const matching = versions.filter((version) => version.checksum === checksum);
    const entryVersion = matching.length
      ? Math.max(...matching.map((version) => version.version ?? 0))
      : null;
    return [
      {
        bundle: row.code,
        bundleVersion: row.version,
        bundleStatus: row.status,
        entryVersion,
        upToDate: entryVersion !== null && entryVersion === latest,
      },
    ];
  });
}

/**
 * For each bundle whose newest published version uses entry `entry.code`: the errors its
 * next publish would meet once the entry has this content (its draft is checked when it
 * has one, since that is what gets published next).
 */
export async function impactOf(
  rows: { versions: BundleUsageRow[]; drafts: BundleUsageRow[] },
  catalogue: Catalogue,
  list: CatalogueList,
  entry: { code: string },
): Promise<BundleImpact[]> {
  const newest = new Map<string, BundleUsageRow>();
  for (const row of rows.versions) {
    if (row.status !== 'published') continue;
    if ((row.version ?? 0) > (newest.get(row.code)?.version ?? 0)) newest.set(row.code, row);
  }
  const changed = catalogueWith(catalogue, list, entry).catalogue;
  const impact: BundleImpact[] = [];
  for (const row of newest.values()) {
    if (!frozenEntry(row.resolved, list, entry.code)) continue;
    const draft = rows.drafts.find((candidate) => candidate.code === row.code);
    const definition: BundleDefinition = draft?.body ?? row.body;
    impact.push({
      bundle: row.code,
      bundleVersion: row.version ?? 0,
      checked: draft ? 'draft' : 'version',
      errors: await validateBundle(definition, changed),
    });
  }
  return impact;
}
