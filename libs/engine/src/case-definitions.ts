import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type BundleMachine, type CompiledBundle, getBundleMachine } from '@onevisit/definitions';
import { BundleService } from '@onevisit/catalogue';
import { BundleDefinitionEntity, fixedSelect, managerOf } from '@onevisit/persistence';

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

@Injectable()
export class CaseDefinitions {
  /** Pinned definitions of published (immutable) versions, by `code@version`. */
  private readonly published = new Map<string, PinnedDefinition>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly bundles: BundleService,
  ) {}

  /** The latest published, not retired, version of `code`: what a new case pins. */
  async latest(code: string): Promise<PinnedDefinition> {
    const [row] = await latestVersion(managerOf(this.dataSource), [code]);
    if (!row) throw new NotFoundException(`No published bundle ${code}`);
    return this.pin(row);
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
    const pinned = await this.pin(row);
    // A published version never changes (its checksum is frozen), so lists and tracking
    // views need not read its row again: one query less per case shown.
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
