import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CatalogueEntryVersionEntity, type CatalogueKind } from '@onevisit/persistence';
import type { CatalogueKindInfo } from './catalogue-kinds.js';
import { contentChecksum } from './content-checksum.js';

export type CatalogueBody = CatalogueEntryVersionEntity['body'];

/** The published versions of one entry, newest first. */
export function versionRowsOf(
  manager: EntityManager,
  kind: CatalogueKind,
  code: string,
): Promise<CatalogueEntryVersionEntity[]> {
  return manager.find(CatalogueEntryVersionEntity, {
    where: { kind, code, status: 'published' },
    order: { version: 'DESC' },
  });
}

export function draftRowOf(
  manager: EntityManager,
  kind: CatalogueKind,
  code: string,
): Promise<CatalogueEntryVersionEntity | null> {
  return manager.findOneBy(CatalogueEntryVersionEntity, { kind, code, status: 'draft' });
}

export function newVersionRow(
  kind: CatalogueKind,
  body: CatalogueBody,
  status: 'draft' | 'published',
  actor: string,
  now = new Date(),
): CatalogueEntryVersionEntity {
  return {
    id: randomUUID(),
    kind,
    code: body.code,
    version: null,
    status,
    body,
    checksum: contentChecksum(body),
    createdBy: actor,
    createdAt: now,
    updatedAt: now,
    publishedAt: null,
  };
}

/**
 * Publishes `body` as the next version of its entry, in the caller's transaction: a new
 * immutable version row, and the entry's row in its own table (what validation and bundle
 * publishing read). Content equal to the latest version makes no new version. A draft
 * holding exactly this content is spent either way. The admin API and `workflows:publish`
 * both come here, so both leave the same history.
 */
export async function publishEntryVersion(
  manager: EntityManager,
  info: CatalogueKindInfo,
  body: CatalogueBody,
  actor: string,
): Promise<{ created: boolean; row: CatalogueEntryVersionEntity }> {
  const now = new Date();
  const checksum = contentChecksum(body);
  const [latest] = await versionRowsOf(manager, info.kind, body.code);
  await manager.delete(CatalogueEntryVersionEntity, {
    kind: info.kind,
    code: body.code,
    status: 'draft',
    checksum,
  });
  if (latest?.checksum === checksum) return { created: false, row: latest };
  const row: CatalogueEntryVersionEntity = {
    ...newVersionRow(info.kind, body, 'published', actor, now),
    version: (latest?.version ?? 0) + 1,
    publishedAt: now,
  };
  await manager.insert(CatalogueEntryVersionEntity, row);
  await manager
    .getRepository(info.entity)
    .save({ code: body.code, body, checksum, updatedAt: now });
  return { created: true, row };
}
