import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type Catalogue,
  type DefinitionError,
  type Label,
  validateCatalogueEntry,
} from '@onevisit/definitions';
import {
  CatalogueEntryVersionEntity,
  type CatalogueKind,
  isUniqueViolation,
  managerOf,
  TransactionRunner,
} from '@onevisit/persistence';
import type {
  CatalogueCheck,
  CatalogueEntryOverview,
  CatalogueEntrySummary,
  CataloguePublishResult,
  CatalogueVersionDetail,
  CatalogueVersionSummary,
} from './catalogue-admin-views.js';
import { CATALOGUE_KIND_INFO, type CatalogueKindInfo } from './catalogue-kinds.js';
import { CatalogueService } from './catalogue.service.js';
import { bundleRowsForUsage, impactOf, usesOf } from './catalogue-usage.js';
import {
  type CatalogueBody,
  draftRowOf,
  newVersionRow,
  publishEntryVersion,
  versionRowsOf,
} from './catalogue-version-rows.js';
import { contentChecksum } from './content-checksum.js';
import { DefinitionInvalidException } from './definition-invalid.exception.js';

/** Codes are stored in 64 characters; a longer one is refused at its pointer, not by the database. */
const MAX_CODE_LENGTH = 64;

/**
 * Catalogue administration: departments, materials, licence types and service items as
 * drafts, checked like bundles (every error at its JSON pointer), published as immutable
 * versions. Publishing a version changes what the next bundle publish freezes; bundle
 * versions already published keep their own copies, and cases keep their bundle version.
 */
@Injectable()
export class CatalogueAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly catalogue: CatalogueService,
  ) {}

  async list(kind: CatalogueKind): Promise<CatalogueEntrySummary[]> {
    const rows = await this.dataSource.manager.find(CatalogueEntryVersionEntity, {
      where: { kind },
      order: { code: 'ASC', createdAt: 'ASC' },
    });
    const byCode = new Map<string, CatalogueEntrySummary>();
    for (const row of rows) {
      const entry = byCode.get(row.code) ?? {
        code: row.code,
        name: nameOf(row.body),
        version: null,
        hasDraft: false,
        updatedAt: row.updatedAt,
      };
      byCode.set(row.code, entry);
      if (row.status === 'draft') entry.hasDraft = true;
      else if ((row.version ?? 0) >= (entry.version ?? 0)) {
        entry.version = row.version;
        entry.name = nameOf(row.body);
      }
      if (row.updatedAt > entry.updatedAt) entry.updatedAt = row.updatedAt;
    }
    return [...byCode.values()];
  }

  async overview(kind: CatalogueKind, code: string): Promise<CatalogueEntryOverview> {
    const info = CATALOGUE_KIND_INFO[kind];
    const manager = this.dataSource.manager;
    const [versions, draft] = await Promise.all([
      versionRowsOf(manager, kind, code),
      draftRowOf(manager, kind, code),
    ]);
    const newest = versions[0] ?? draft;
    if (!newest) throw new NotFoundException(`Unknown ${info.noun.en} ${code}`);
    const { versions: bundles } = await bundleRowsForUsage(manager);
    return {
      kind,
      code,
      name: nameOf(newest.body),
      version: versions[0]?.version ?? null,
      hasDraft: draft !== null,
      versions: [...(draft ? [draft] : []), ...versions].map(summaryOf),
      usedBy: usesOf(bundles, info.list, code, versions),
    };
  }

  async version(
    kind: CatalogueKind,
    code: string,
    version: number,
  ): Promise<CatalogueVersionDetail> {
    const row = await this.dataSource.manager.findOneBy(CatalogueEntryVersionEntity, {
      kind,
      code,
      version,
    });
    if (!row) {
      throw new NotFoundException(
        `${CATALOGUE_KIND_INFO[kind].noun.en} ${code} has no version ${version}`,
      );
    }
    return detailOf(row);
  }

  async draft(kind: CatalogueKind, code: string): Promise<CatalogueVersionDetail> {
    const row = await draftRowOf(this.dataSource.manager, kind, code);
    if (!row)
      throw new NotFoundException(`${CATALOGUE_KIND_INFO[kind].noun.en} ${code} has no draft`);
    return detailOf(row);
  }

  /** Dry run: every problem of `plain`, and what it would mean for the bundles using the entry. */
  async validate(kind: CatalogueKind, plain: unknown): Promise<CatalogueCheck> {
    const catalogue = await this.catalogue.load();
    const errors = await this.problems(CATALOGUE_KIND_INFO[kind], plain, catalogue);
    if (errors.length > 0) return { valid: false, errors, impact: [] };
    return {
      valid: true,
      errors,
      impact: await this.impact(kind, plain as CatalogueBody, catalogue),
    };
  }

  async createDraft(
    kind: CatalogueKind,
    plain: unknown,
    actor: string,
  ): Promise<CatalogueVersionDetail> {
    const body = await this.validBody(kind, plain);
    return this.writing(kind, body.code, async (manager) => {
      if (await draftRowOf(manager, kind, body.code)) {
        throw new ConflictException(
          `${CATALOGUE_KIND_INFO[kind].noun.en} ${body.code} already has a draft; update it with PUT`,
        );
      }
      const row = newVersionRow(kind, body, 'draft', actor);
      await manager.insert(CatalogueEntryVersionEntity, row);
      return detailOf(row);
    });
  }

  /** Creates or replaces the draft of `code`. */
  async putDraft(
    kind: CatalogueKind,
    code: string,
    plain: unknown,
    actor: string,
  ): Promise<CatalogueVersionDetail> {
    const body = await this.validBody(kind, plain, code);
    return this.writing(kind, code, async (manager) => {
      const row = newVersionRow(kind, body, 'draft', actor);
      const draft = await draftRowOf(manager, kind, code);
      if (!draft) {
        await manager.insert(CatalogueEntryVersionEntity, row);
        return detailOf(row);
      }
      const changes = { body, checksum: row.checksum, createdBy: actor, updatedAt: row.updatedAt };
      // The status in the WHERE is what keeps published versions out of reach.
      await manager.update(CatalogueEntryVersionEntity, { id: draft.id, status: 'draft' }, changes);
      return detailOf({ ...draft, ...changes });
    });
  }

  async deleteDraft(kind: CatalogueKind, code: string): Promise<void> {
    const result = await this.transactions.run((manager) =>
      manager.delete(CatalogueEntryVersionEntity, { kind, code, status: 'draft' }),
    );
    if (!result.affected) {
      throw new NotFoundException(`${CATALOGUE_KIND_INFO[kind].noun.en} ${code} has no draft`);
    }
  }

  /**
   * Publishes the draft of `code`: checked again against the catalogue as it is now; the
   * same content as the latest version makes no new version (the draft is spent either way).
   */
  async publishDraft(
    kind: CatalogueKind,
    code: string,
    actor: string,
  ): Promise<CataloguePublishResult> {
    const info = CATALOGUE_KIND_INFO[kind];
    const draft = await draftRowOf(this.dataSource.manager, kind, code);
    if (!draft) throw new NotFoundException(`${info.noun.en} ${code} has no draft to publish`);
    const catalogue = await this.catalogue.load();
    const errors = await this.problems(info, draft.body, catalogue, code);
    if (errors.length > 0) throw new DefinitionInvalidException(errors, info.noun.en);
    const result = await this.writing(kind, code, async (manager) => {
      await manager.delete(CatalogueEntryVersionEntity, { id: draft.id, status: 'draft' });
      return publishEntryVersion(manager, info, draft.body, actor);
    });
    return {
      created: result.created,
      version: detailOf(result.row),
      impact: await this.impact(kind, draft.body, catalogue),
    };
  }

  private async impact(kind: CatalogueKind, body: CatalogueBody, catalogue: Catalogue) {
    const rows = await bundleRowsForUsage(managerOf(this.dataSource));
    const info = CATALOGUE_KIND_INFO[kind];
    const impact = await impactOf(rows, catalogue, info.list, body);
    // A bundle whose newest version already froze exactly this content needs nothing.
    const checksum = contentChecksum(body);
    return impact.filter((entry) => {
      const row = rows.versions.find(
        (candidate) => candidate.code === entry.bundle && candidate.version === entry.bundleVersion,
      );
      const frozen = (row?.resolved?.[info.list] as { code: string }[] | undefined)?.find(
        (candidate) => candidate.code === body.code,
      );
      return entry.errors.length > 0 || !frozen || contentChecksum(frozen) !== checksum;
    });
  }

  private async validBody(
    kind: CatalogueKind,
    plain: unknown,
    code?: string,
  ): Promise<CatalogueBody> {
    const info = CATALOGUE_KIND_INFO[kind];
    const errors = await this.problems(info, plain, await this.catalogue.load(), code);
    if (errors.length > 0) throw new DefinitionInvalidException(errors, info.noun.en);
    return plain as CatalogueBody;
  }

  private async problems(
    info: CatalogueKindInfo,
    plain: unknown,
    catalogue: Catalogue,
    code?: string,
  ): Promise<DefinitionError[]> {
    const errors = await validateCatalogueEntry(info.list, plain, catalogue);
    const declared = (plain as { code?: unknown } | null)?.code;
    if (typeof declared === 'string' && declared.length > MAX_CODE_LENGTH) {
      errors.push({
        pointer: '/code',
        code: 'code-too-long',
        message: `must be at most ${MAX_CODE_LENGTH} characters`,
      });
    }
    if (code !== undefined && declared !== code) {
      errors.push({
        pointer: '/code',
        code: 'code-mismatch',
        message: `must be ${code}, the ${info.noun.en} in the URL`,
      });
    }
    return errors;
  }

  /** A write in one transaction; two admins racing on the same entry: one gets 409. */
  private async writing<T>(
    kind: CatalogueKind,
    code: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.transactions.run(work);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictException(
          `${CATALOGUE_KIND_INFO[kind].noun.en} ${code} was changed by someone else at the same time`,
        );
      }
      throw error;
    }
  }
}

function nameOf(body: CatalogueBody): Label {
  return body.name;
}

function summaryOf(row: CatalogueEntryVersionEntity): CatalogueVersionSummary {
  return {
    kind: row.kind,
    code: row.code,
    version: row.version,
    status: row.status,
    checksum: row.checksum,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
  };
}

function detailOf(row: CatalogueEntryVersionEntity): CatalogueVersionDetail {
  return { ...summaryOf(row), body: row.body };
}
