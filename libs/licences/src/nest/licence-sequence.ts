import type { EntityManager } from 'typeorm';
import { parameterOf, queryRows } from '@onevisit/persistence';

/**
 * Takes the next running number for `prefix` on `day` (YYYYMMDD): one upsert, so
 * concurrent issuers of one licence type queue on the counter row instead of colliding on
 * a number. Inside a transaction the row stays locked until it ends (and a rollback gives
 * the number back); `LicenceIssuer.reserveNumbers` takes numbers in statements of their
 * own so that no long transaction holds it.
 */
export async function nextLicenceSequence(
  manager: EntityManager,
  prefix: string,
  day: string,
): Promise<number> {
  const taken = await takeLicenceSequences(manager, day, new Map([[prefix, 1]]));
  return taken.get(prefix)?.[0] as number;
}

/**
 * Takes `count` running numbers of each prefix on `day`, all in one upsert: a block of
 * consecutive numbers per prefix. Prefixes are taken in sorted order, so two such
 * statements lock the counter rows in the same order and never deadlock. Returns the
 * numbers taken, by prefix, in increasing order.
 */
export async function takeLicenceSequences(
  manager: EntityManager,
  day: string,
  counts: ReadonlyMap<string, number>,
): Promise<Map<string, number[]>> {
  const prefixes = [...counts.keys()].sort();
  if (prefixes.length === 0) return new Map();
  const p = parameterOf(manager.connection);
  const values = prefixes.map((_, i) => `(${p(3 * i + 1)}, ${p(3 * i + 2)}, ${p(3 * i + 3)})`);
  const rows = await queryRows<{ prefix: string; last_number: number | string }>(
    manager,
    `INSERT INTO "licence_sequence" ("prefix", "day", "last_number") VALUES ${values.join(', ')}
     ON CONFLICT ("prefix", "day")
     DO UPDATE SET "last_number" = "licence_sequence"."last_number" + excluded."last_number"
     RETURNING "prefix", "last_number"`,
    prefixes.flatMap((prefix) => [prefix, day, counts.get(prefix)]),
  );
  const taken = new Map<string, number[]>();
  for (const row of rows) {
    const last = Number(row.last_number);
    const count = counts.get(row.prefix) ?? 0;
    if (!Number.isSafeInteger(last) || count < 1) continue;
    taken.set(
      row.prefix,
      Array.from({ length: count }, (_, i) => last - count + 1 + i),
    );
  }
  for (const prefix of prefixes) {
    if (!taken.has(prefix)) throw new Error(`no licence number taken for ${prefix}-${day}`);
  }
  return taken;
}
