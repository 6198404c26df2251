import type { EntityManager } from 'typeorm';
import { parameterOf } from '@onevisit/persistence';

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
  const p = parameterOf(manager.connection);
  const rows: { last_number: number | string }[] = await manager.query(
    `INSERT INTO "licence_sequence" ("prefix", "day", "last_number") VALUES (${p(1)}, ${p(2)}, 1)
     ON CONFLICT ("prefix", "day") DO UPDATE SET "last_number" = "licence_sequence"."last_number" + 1
     RETURNING "last_number"`,
    [prefix, day],
  );
  const taken = Number(rows[0]?.last_number);
  if (!Number.isSafeInteger(taken)) throw new Error(`no licence number taken for ${prefix}-${day}`);
  return taken;
}
