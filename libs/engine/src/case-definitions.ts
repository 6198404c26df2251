import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type BundleMachine, type CompiledBundle, getBundleMachine } from '@onevisit/definitions';
import { BundleService } from '@onevisit/catalogue';
import {
  BundleDefinitionEntity,
  fixedSelect,
  managerOf,
  parameterOf,
  perDataSource,
  sendCountCheck,
} from '@onevisit/persistence';

/** A published bundle version as the engine runs it: compiled once, machine built once. */
export interface PinnedDefinition {
  code: string;
  version: number;
  compiled: CompiledBundle;
  machine: BundleMachine;
  /** Department of every item. */
  departments: Record<string, string>;
  /** Promised working days of every item. */
  limits: Record<string, number>;
}

const KEY_COLUMNS = { id: true, code: true, version: true, checksum: true, status: true } as const;

const KEY_PROPERTIES = Object.keys(KEY_COLUMNS) as (keyof typeof KEY_COLUMNS)[];

/** The newest published version of a bundle code (every case start asks): its key columns. */
const latestVersion = fixedSelect(
  BundleDefinitionEntity,
  (p) => `WHERE "code" = ${p(1)} AND "status" = 'published' ORDER BY "version" DESC LIMIT 1`,
  KEY_PROPERTIES,
);

/** 1 when version $2 is still the newest published version of code $1, else 0. */
const stillNewestSql = perDataSource((dataSource) => {
  const p = parameterOf(dataSource);
  return (
    `SELECT count(*) FROM (SELECT "version" FROM "bundle_definition" ` +
    `WHERE "code" = ${p(1)} AND "status" = 'published' ORDER BY "version" DESC LIMIT 1) newest ` +
    `WHERE "version" = ${p(2)}`
  );
});

/**
 * The version a case start pinned is no longer the newest published one (a newer version
 * was published, or it was retired): the start is made again on the newest.
 */
export class LatestVersionMoved extends Error {
  constructor(readonly code: string) {
    super(`the newest published version of ${code} changed while a case was being started`);
  }
}

@Injectable()
export class CaseDefinitions {
  /** Pinned definitions of published (immutable) versions, by `code@version`. */
  private readonly published = new Map<string, PinnedDefinition>();
  /**
   * The newest published version of each code as this process last saw it. A start pins
   * it without reading, and its transaction checks it is still the newest
   * (`confirmLatest`): another process may have published or retired a version since.
   */
  private readonly newest = new Map<string, PinnedDefinition>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly bundles: BundleService,
  ) {}

  /**
   * The latest published, not retired, version of `code`: what a new case pins. Without
   * `fresh`, the one this process last read, which a writer must confirm in its
   * transaction (`confirmLatest`).
   */
  async latest(code: string, options: { fresh?: boolean } = {}): Promise<PinnedDefinition> {
    const known = options.fresh ? undefined : this.newest.get(code);
    if (known) return known;
    const [row] = await latestVersion(managerOf(this.dataSource), [code]);
    if (!row) {
      this.newest.delete(code);
      throw new NotFoundException(`No published bundle ${code}`);
    }
    const pinned = await this.keptPin(row);
    this.newest.set(code, pinned);
    return pinned;
  }

  /**
   * Makes the manager's transaction fail with `LatestVersionMoved` unless `definition` is
   * still the newest published version of its code. Sent with the transaction's writes,
   * it costs no round trip of its own, which the read before each start did.
   */
  async confirmLatest(manager: EntityManager, definition: PinnedDefinition): Promise<void> {
    await sendCountCheck(
      manager,
      stillNewestSql(manager.connection),
      [definition.code, definition.version],
      {
        affected: 1,
        otherwise: () => {
          this.newest.delete(definition.code);
          return new LatestVersionMoved(definition.code);
        },
      },
    );
  }

  /** The version a case pinned (it may have been retired since: running cases keep it). */
  async pinned(code: string, version: number): Promise<PinnedDefinition> {
    const key = `${code}@${version}`;
    const kept = this.published.get(key);
    if (kept) return kept;
    // Read inside the case's transaction when called from one (see `managerOf`).
    const row = await managerOf(this.dataSource).findOne(BundleDefinitionEntity, {
      where: { code, version },
      select: KEY_COLUMNS,
    });
    if (!row) throw new NotFoundException(`Bundle ${code} has no version ${version}`);
    return this.keptPin(row);
  }

  /**
   * The pinned definition of `row`, made once per published version: a published version
   * never changes (its checksum is frozen), so lists, tracking views and starts on the
   * same version share one, and `pinned` need not read its row again.
   */
  private async keptPin(
    row: Pick<BundleDefinitionEntity, (typeof KEY_PROPERTIES)[number]>,
  ): Promise<PinnedDefinition> {
    const key = `${row.code}@${row.version ?? 0}`;
    const kept = this.published.get(key);
    if (kept) return kept;
    const pinned = await this.pin(row);
    if (row.status !== 'draft') this.published.set(key, pinned);
    return pinned;
  }

  private async pin(
    row: Pick<BundleDefinitionEntity, (typeof KEY_PROPERTIES)[number]>,
  ): Promise<PinnedDefinition> {
    const compiled = await this.bundles.compiledOf(row);
    const version = row.version ?? 0;
    const machine = getBundleMachine(
      `${row.code}@${version}#${row.checksum ?? ''}`,
      compiled.machine,
    );
    const departments: Record<string, string> = {};
    const limits: Record<string, number> = {};
    for (const item of compiled.notification.items) {
      departments[item.item] = item.department;
      limits[item.item] = item.promisedLimitDays;
    }
    return { code: row.code, version, compiled, machine, departments, limits };
  }
}
