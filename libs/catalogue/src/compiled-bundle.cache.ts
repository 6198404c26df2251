import { Injectable } from '@nestjs/common';
import type { CompiledBundle } from '@onevisit/definitions';

/**
 * Compiled bundles by `code@version#checksum`. A published version never changes, so an
 * entry never goes stale; the checksum in the key guards against a reused number (a
 * database reset under a long-running process).
 */
@Injectable()
export class CompiledBundleCache {
  private readonly entries = new Map<string, CompiledBundle>();

  static keyOf(code: string, version: number, checksum: string): string {
    return `${code}@${version}#${checksum}`;
  }

  async get(key: string, load: () => Promise<CompiledBundle>): Promise<CompiledBundle> {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const compiled = await load();
    this.entries.set(key, compiled);
    return compiled;
  }

  get size(): number {
    return this.entries.size;
  }
}
