import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleDefinition } from '@onevisit/definitions';
import { withoutSchemaKey } from '@onevisit/catalogue';

export const WORKFLOWS_ROOT = join(process.cwd(), 'workflows');

/** The seeded bundle definitions under workflows/bundles, `$schema` removed. */
export function seededBundles(): BundleDefinition[] {
  const dir = join(WORKFLOWS_ROOT, 'bundles');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map(
      (name) =>
        withoutSchemaKey(JSON.parse(readFileSync(join(dir, name), 'utf8'))) as BundleDefinition,
    );
}
