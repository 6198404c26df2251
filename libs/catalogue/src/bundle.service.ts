import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsSelect, QueryFailedError } from 'typeorm';
import {
  type BundleDefinition,
  checksumOf,
  compileBundle,
  type CompiledBundle,
  type DefinitionError,
  resolveBundle,
  validateBundle,
} from '@onevisit/definitions';
import { BundleDefinitionEntity, managerOf, TransactionRunner } from '@onevisit/persistence';
import { addToOutbox } from '@onevisit/queues';
import type {
  BundleOverview,
  BundleVersionDetail,
  BundleVersionSummary,
  PublicBundleDetail,
  PublicBundleSummary,
  PublishResult,
} from './bundle-views.js';
import { CatalogueService } from './catalogue.service.js';
import { CompiledBundleCache } from './compiled-bundle.cache.js';
import { DefinitionInvalidException } from './definition-invalid.exception.js';

/** Columns needed to list versions and find cached compiled bundles, without the heavy JSON. */
const LIGHT_COLUMNS: FindOptionsSelect<BundleDefinitionEntity> = {
  id: true,
  code: true,
  version: true,
  status: true,
  checksum: true,
  body: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
  publishedAt: true,
  retiredAt: true,
};

/**
 * Drafts and versions of bundle definitions. Drafts are stored only when valid against
 * the catalogue at the time (so nothing invalid is ever stored); publishing validates
 * again, freezes the resolved catalogue entries, compiles once and never changes the
 * version afterwards — retiring only hides it from new cases.
 */
@Injectable()
export class BundleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly catalogue: CatalogueService,
    private readonly cache: CompiledBundleCache,
  ) {}

  /** Every structural and semantic problem of `plain` against the current catalogue. */
  async validate(plain: unknown): Promise<DefinitionError[]> {
    return validateBundle(plain, await this.catalogue.load());
  }

  async createDraft(plain: unknown, actor: string): Promise<BundleVersionDetail> {
    const definition = await this.validDefinition(plain);
    return this.transactions.run(async (manager) => {
      if (await this.findDraft(manager, definition.code)) {
        throw new ConflictException(
          `Bundle ${definition.code} already has a draft; update it with PUT`,
        );
      }
      const row = this.newRow(definition, 'draft', actor);
      await manager.save(BundleDefinitionEntity, row);
      return detailOf(row);
    });
  }

  /** Creates or replaces the draft of `code`. */
  async putDraft(code: string, plain: unknown, actor: string): Promise<BundleVersionDetail> {
    const definition = await this.validDefinition(plain, code);
    return this.transactions.run(async (manager) => {
      const draft = await this.findDraft(manager, code);
      if (!draft) {
        const row = this.newRow(definition, 'draft', actor);
        await manager.save(BundleDefinitionEntity, row);
        return detailOf(row);
      }
      const changes = { body: definition, createdBy: actor, updatedAt: new Date() };
      // The status in the WHERE is what keeps published versions out of reach.
      await manager.update(BundleDefinitionEntity, { id: draft.id, status: 'draft' }, changes);
      return detailOf({ ...draft, ...changes });
    });
  }

  async getDraft(code: string): Promise<BundleVersionDetail> {
    const draft = await this.findDraft(this.dataSource.manager, code);
    if (!draft) throw new NotFoundException(`Bundle ${code} has no draft`);
    return detailOf(draft);
  }

  /** Publishes the draft of `code`. */
  async publishDraft(code: string, actor: string): Promise<PublishResult> {
    const draft = await this.findDraft(this.dataSource.manager, code);
    if (!draft) throw new NotFoundException(`Bundle ${code} has no draft to publish`);
    return this.publish(draft.body, actor, draft.id);
  }

  /**
   * Publishes a definition: invalid → 400 and nothing stored; same content as a
   * published version → that version, nothing new; otherwise a new immutable version.
   * The draft being published (`draftId`) is consumed either way; without one, a draft
   * whose content is what got published is consumed too.
   */
  async publish(plain: unknown, actor: string, draftId?: string): Promise<PublishResult> {
    const catalogue = await this.catalogue.load();
    const definition = await this.validDefinition(plain, undefined, catalogue);
    const resolved = resolveBundle(definition, catalogue);
    const checksum = checksumOf(resolved);
    try {
      return await this.transactions.run(async (manager) => {
        const versions = await manager.find(BundleDefinitionEntity, {
          where: { code: definition.code },
          select: LIGHT_COLUMNS,
          order: { version: 'DESC' },
        });
        const same = versions.find(
          (row) => row.status === 'published' && row.checksum === checksum,
        );
        if (same) {
          await this.consumeDraft(manager, definition.code, checksum, draftId);
          return { created: false, version: await this.detail(manager, same.code, same.version!) };
        }
        const latest = Math.max(0, ...versions.map((row) => row.version ?? 0));
        if (definition.version !== undefined && definition.version <= latest) {
          throw new ConflictException(
            `Declared version ${definition.version} must be greater than the latest version ${latest}`,
          );
        }
        const version = definition.version ?? latest + 1;
        const frozen = { ...resolved, bundle: { ...resolved.bundle, version } };
        const now = new Date();
        const row: BundleDefinitionEntity = {
          ...this.newRow(definition, 'published', actor),
          version,
          resolved: frozen,
          compiled: compileBundle(frozen),
          checksum,
          publishedAt: now,
        };
        await manager.save(BundleDefinitionEntity, row);
        await this.consumeDraft(manager, definition.code, checksum, draftId);
        await addToOutbox(manager, {
          name: 'supervision.bundle-published',
          data: { bundleCode: definition.code, version, checksum },
        });
        return { created: true, version: detailOf(row) };
      });
    } catch (error) {
      // Two publishers racing on PostgreSQL: the unique (code, version) index decides.
      if (isUniqueViolation(error)) {
        throw new ConflictException(
          `Another version of ${definition.code} was published at the same time`,
        );
      }
      throw error;
    }
  }

  async retire(code: string, version: number): Promise<BundleVersionDetail> {
    return this.transactions.run(async (manager) => {
      const row = await this.findVersion(manager, code, version);
      if (row.status === 'published') {
        row.status = 'retired';
        row.retiredAt = new Date();
        await manager.update(
          BundleDefinitionEntity,
          { id: row.id, status: 'published' },
          { status: row.status, retiredAt: row.retiredAt },
        );
      }
      return detailOf(row);
    });
  }

  async list(): Promise<BundleOverview[]> {
    const rows = await this.dataSource.manager.find(BundleDefinitionEntity, {
      select: LIGHT_COLUMNS,
      order: { code: 'ASC', createdAt: 'ASC' },
    });
    const byCode = new Map<string, BundleOverview>();
    for (const row of rows) {
      const overview = byCode.get(row.code) ?? {
        code: row.code,
        name: row.body.name,
        hasDraft: false,
        latestVersion: null,
        versions: [],
      };
      byCode.set(row.code, overview);
      if (row.status === 'draft') overview.hasDraft = true;
      else if ((row.version ?? 0) >= (overview.latestVersion ?? 0))
        overview.latestVersion = row.version;
      // The draft (or the newest version) names the bundle as it is now.
      if (row.status === 'draft' || row.version === overview.latestVersion)
        overview.name = row.body.name;
      overview.versions.push(summaryOf(row));
    }
    return [...byCode.values()];
  }

  async versions(code: string): Promise<BundleVersionSummary[]> {
    const rows = await this.dataSource.manager.find(BundleDefinitionEntity, {
      where: { code },
      select: LIGHT_COLUMNS,
      order: { createdAt: 'ASC' },
    });
    if (rows.length === 0) throw new NotFoundException(`Unknown bundle ${code}`);
    return rows.map(summaryOf);
  }

  getVersion(code: string, version: number): Promise<BundleVersionDetail> {
    return this.detail(this.dataSource.manager, code, version);
  }

  /** Latest published (not retired) version of every bundle. */
  async publicList(): Promise<PublicBundleSummary[]> {
    const rows = await this.livest();
    return Promise.all(
      rows.map(async (row) => {
        const { notification } = await this.compiledOf(row);
        return {
          code: row.code,
          name: row.body.name,
          ...(row.body.description ? { description: row.body.description } : {}),
          version: row.version!,
          applicantKind: row.body.applicantKind,
          promisedLimitDays: notification.promisedLimitDays,
          estimatedDays: notification.estimatedDays,
          items: notification.items.map((item) => ({
            code: item.item,
            name: item.name,
            department: item.department,
            departmentName: item.departmentName,
            promisedLimitDays: item.promisedLimitDays,
            conditional: item.conditional,
          })),
        };
      }),
    );
  }

  async publicGet(code: string): Promise<PublicBundleDetail> {
    const row = (await this.livest(code))[0];
    if (!row) throw new NotFoundException(`No published bundle ${code}`);
    const { form, materials, notification } = await this.compiledOf(row);
    return {
      code: row.code,
      name: row.body.name,
      ...(row.body.description ? { description: row.body.description } : {}),
      version: row.version!,
      form,
      materials,
      notification,
    };
  }

  /** The compiled bundle of a published version, compiled at most once per process. */
  compiledOf(
    row: Pick<BundleDefinitionEntity, 'id' | 'code' | 'version' | 'checksum'>,
  ): Promise<CompiledBundle> {
    const key = CompiledBundleCache.keyOf(row.code, row.version ?? 0, row.checksum ?? '');
    return this.cache.get(key, async () => {
      const full = await managerOf(this.dataSource).findOneByOrFail(BundleDefinitionEntity, {
        id: row.id,
      });
      if (full.compiled) return full.compiled;
      if (!full.resolved) throw new NotFoundException(`${row.code} has no compiled form`);
      return compileBundle(full.resolved);
    });
  }

  private async livest(code?: string): Promise<BundleDefinitionEntity[]> {
    const rows = await this.dataSource.manager.find(BundleDefinitionEntity, {
      where: { status: 'published', ...(code ? { code } : {}) },
      select: LIGHT_COLUMNS,
      order: { code: 'ASC', version: 'DESC' },
    });
    const latest = new Map<string, BundleDefinitionEntity>();
    for (const row of rows) if (!latest.has(row.code)) latest.set(row.code, row);
    return [...latest.values()];
  }

  private async validDefinition(
    plain: unknown,
    code?: string,
    catalogue?: Awaited<ReturnType<CatalogueService['load']>>,
  ) {
    const errors = await validateBundle(plain, catalogue ?? (await this.catalogue.load()));
    const declared = (plain as { code?: unknown } | null)?.code;
    if (code !== undefined && declared !== code) {
      errors.push({
        pointer: '/code',
        code: 'code-mismatch',
        message: `must be ${code}, the bundle in the URL`,
      });
    }
    if (errors.length > 0) throw new DefinitionInvalidException(errors);
    return plain as BundleDefinition;
  }

  private newRow(
    definition: BundleDefinition,
    status: 'draft' | 'published',
    actor: string,
  ): BundleDefinitionEntity {
    const now = new Date();
    return {
      id: randomUUID(),
      code: definition.code,
      version: null,
      status,
      body: definition,
      resolved: null,
      compiled: null,
      checksum: null,
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      retiredAt: null,
    };
  }

  private findDraft(manager: EntityManager, code: string) {
    return manager.findOneBy(BundleDefinitionEntity, { code, status: 'draft' });
  }

  /** The published draft is spent; another draft is kept unless it holds the same content. */
  private async consumeDraft(
    manager: EntityManager,
    code: string,
    checksum: string,
    draftId?: string,
  ) {
    if (draftId) {
      await manager.delete(BundleDefinitionEntity, { id: draftId, status: 'draft' });
      return;
    }
    const draft = await this.findDraft(manager, code);
    if (!draft) return;
    const catalogue = await this.catalogue.load();
    if ((await validateBundle(draft.body, catalogue)).length > 0) return;
    if (checksumOf(resolveBundle(draft.body, catalogue)) === checksum) {
      await manager.delete(BundleDefinitionEntity, { id: draft.id, status: 'draft' });
    }
  }

  private async findVersion(manager: EntityManager, code: string, version: number) {
    const row = await manager.findOneBy(BundleDefinitionEntity, { code, version });
    if (!row) throw new NotFoundException(`Bundle ${code} has no version ${version}`);
    return row;
  }

  private async detail(
    manager: EntityManager,
    code: string,
    version: number,
  ): Promise<BundleVersionDetail> {
    const row = await this.findVersion(manager, code, version);
    const compiled =
      row.checksum && row.version !== null ? await this.compiledOf(row) : row.compiled;
    return detailOf({ ...row, compiled });
  }
}

function summaryOf(row: BundleDefinitionEntity): BundleVersionSummary {
  return {
    code: row.code,
    version: row.version,
    status: row.status,
    checksum: row.checksum,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
    retiredAt: row.retiredAt,
  };
}

function detailOf(row: BundleDefinitionEntity): BundleVersionDetail {
  return { ...summaryOf(row), definition: row.body, compiled: row.compiled };
}

function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string } | undefined;
  return driverError?.code === '23505' || /UNIQUE constraint failed/i.test(error.message);
}
