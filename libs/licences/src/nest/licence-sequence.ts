import type { EntityManager } from 'typeorm';

/**
 * Takes the next running number for `prefix` on `day` (YYYYMMDD) inside the caller's
 * transaction: one upsert, which holds the counter row until commit, so concurrent
 * issuers of one licence type wait for each other instead of colliding on a number.
 * A rolled-back issue gives its number back.
 */
export async function nextLicenceSequence(
  manager: EntityManager,
  prefix: string,
  day: string,
): Promise<number> {
  const p = (index: number) => manager.connection.driver.createParameter('p', index);
  const rows: { last_number: number | string }[] = await manager.query(
    `INSERT INTO "licence_sequence" ("prefix", "day", "last_number") VALUES (${p(0)}, ${p(1)}, 1)
     ON CONFLICT ("prefix", "day") DO UPDATE SET "last_number" = "licence_sequence"."last_number" + 1
     RETURNING "last_number"`,
    [prefix, day],
  );
  const taken = Number(rows[0]?.last_number);
  if (!Number.isSafeInteger(taken)) throw new Error(`no licence number taken for ${prefix}-${day}`);
  return taken;
}
