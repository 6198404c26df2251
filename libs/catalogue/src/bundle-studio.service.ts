import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  type BundleDefinition,
  type BundleDiff,
  type CompiledBundle,
  compileBundle,
  type DefinitionError,
  diffBundles,
  type ResolvedBundle,
  resolveBundle,
  validateBundle,
} from '@onevisit/definitions';
import {
  BundleDefinitionEntity,
  CatalogueEntryVersionEntity,
  type CatalogueKind,
} from '@onevisit/persistence';
import { BundleService } from './bundle.service.js';
import { CATALOGUE_KIND_INFO } from './catalogue-kinds.js';
import { CatalogueService } from './catalogue.service.js';
import { contentChecksum } from './content-checksum.js';

/** A catalogue entry a bundle freezes, with the entry version its content is. */
export interface FrozenEntry {
  kind: CatalogueKind;
  code: string;
  /** null when no published version has this content (an entry edited outside the API). */
  version: number | null;
}

export interface BundlePreview {
  valid: boolean;
  errors: DefinitionError[];
  /** What publishing would give applicants and officers; null while invalid. */
  preview: {
    form: CompiledBundle['form'];
    materials: CompiledBundle['materials'];
    notification: CompiledBundle['notification'];
    /** Mermaid `stateDiagram-v2` text of the case machine. */
    diagram: string;
    /** The catalogue entries publishing would freeze, at their current versions. */
    catalogue: FrozenEntry[];
  } | null;
}

/** A side of a comparison: a published (or retired) version, or the draft. */
export type BundleSideRef = number | 'draft';

export interface BundleComparison extends BundleDiff {
  code: string;
  from: { version: BundleSideRef; checksum: string | null };
  to: { version: BundleSideRef; checksum: string | null };
}

/** One side, resolved and compiled. */
interface Side {
  checksum: string | null;
  resolved: ResolvedBundle;
  compiled: CompiledBundle;
}

/**
 * What the admin studio shows besides the stored versions: a preview of a definition as
 * it would be published (compiled, never stored) and the changes between two versions.
 */
@Injectable()
export class BundleStudioService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly bundles: BundleService,
  ) {}

  /** Validates and compiles `plain` against the catalogue as it is now; stores nothing. */
  async preview(plain: unknown): Promise<BundlePreview> {
    const catalogue = await this.catalogue.load();
    const errors = await validateBundle(plain, catalogue);
    if (errors.length > 0) return { valid: false, errors, preview: null };
    const resolved = resolveBundle(plain as BundleDefinition, catalogue);
    const { form, materials, notification, diagram } = compileBundle(resolved);
    return {
      valid: true,
      errors,
      preview: {
        form,
        materials,
        notification,
        diagram,
        catalogue: await this.frozenEntries(resolved),
      },
    };
  }

  async compare(code: string, from: BundleSideRef, to: BundleSideRef): Promise<BundleComparison> {
    const [before, after] = [await this.side(code, from), await this.side(code, to)];
    return {
      code,
      from: { version: from, checksum: before.checksum },
      to: { version: to, checksum: after.checksum },
      ...diffBundles(before, after),
    };
  }

  private async side(code: string, ref: BundleSideRef): Promise<Side> {
    if (ref === 'draft') return this.draftSide(code);
    const row = await this.dataSource.manager.findOneBy(BundleDefinitionEntity, {
      code,
      version: ref,
    });
    if (!row?.resolved) throw new NotFoundException(`Bundle ${code} has no version ${ref}`);
    return {
      checksum: row.checksum,
      resolved: row.resolved,
      compiled: await this.bundles.compiledOf(row),
    };
  }

  /** The draft as publishing would freeze it now, against the current catalogue. */
  private async draftSide(code: string): Promise<Side> {
    const draft = await this.dataSource.manager.findOneBy(BundleDefinitionEntity, {
      code,
      status: 'draft',
    });
    if (!draft) throw new NotFoundException(`Bundle ${code} has no draft`);
    const catalogue = await this.catalogue.load();
    const errors = await validateBundle(draft.body, catalogue);
    if (errors.length > 0) {
      // Stored valid, but the catalogue moved on since: say what publishing would meet.
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `The draft of ${code} no longer validates against the catalogue`,
        errors,
      });
    }
    const resolved = resolveBundle(draft.body, catalogue);
    return { checksum: null, resolved, compiled: compileBundle(resolved) };
  }

  /** Each catalogue entry a resolved bundle holds, with the published version its content is. */
  async frozenEntries(resolved: ResolvedBundle): Promise<FrozenEntry[]> {
    const wanted = Object.values(CATALOGUE_KIND_INFO).flatMap((info) =>
      (resolved[info.list] as { code: string }[]).map((entry) => ({
        kind: info.kind,
        code: entry.code,
        checksum: contentChecksum(entry),
      })),
    );
    const rows = await this.dataSource.manager.find(CatalogueEntryVersionEntity, {
      where: { status: 'published', code: In([...new Set(wanted.map((entry) => entry.code))]) },
      select: { kind: true, code: true, version: true, checksum: true },
    });
    return wanted.map(({ kind, code, checksum }) => {
      const versions = rows
        .filter((row) => row.kind === kind && row.code === code && row.checksum === checksum)
        .map((row) => row.version ?? 0);
      return { kind, code, version: versions.length > 0 ? Math.max(...versions) : null };
    });
  }
}
