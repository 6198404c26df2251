/**
 * The provincial supervision platform (监管平台): receives the catalogue of published
 * bundles, and later case data. Implementations must be idempotent by `messageId`.
 */
export interface SupervisionPlatform {
  pushBundlePublished(
    messageId: string,
    bundle: { code: string; version: number; checksum: string; name: { zh: string; en: string } },
  ): Promise<void>;
}

/** Injection token: bind the real platform client in production, the recorder otherwise. */
export const SUPERVISION_PLATFORM = Symbol('SupervisionPlatform');
