import type { DataSource } from 'typeorm';
import { CaseEntity, CaseEventEntity, LicenceEntity } from '@onevisit/persistence';
import { rotateLicenceRow } from './licence-holder-crypto.js';
import { reencryptAnswers } from './personal-fields.js';
import type { PiiKeyring } from './pii-keyring.js';

export interface RotationResult {
  cases: number;
  events: number;
  /** Licence rows whose holder ID number was re-encrypted (or encrypted for the first time). */
  licences: number;
}

type Json = Record<string, unknown>;

/** Tries of one case row that its transitions keep changing under the rotation. */
const CASE_ROW_ATTEMPTS = 10;

/**
 * Re-encrypts one case row's answers; false when there was nothing to do. The case may
 * move on while the services run: its snapshot is written only at the version read (a
 * transition holding the row makes the write wait, then miss), and a miss reads the row
 * again. Writing the snapshot read earlier would undo the transition's state.
 */
async function reencryptCaseRow(
  dataSource: DataSource,
  keyring: PiiKeyring,
  first: Pick<CaseEntity, 'id' | 'snapshot' | 'version'>,
): Promise<boolean> {
  let row: Pick<CaseEntity, 'id' | 'snapshot' | 'version'> | null = first;
  for (let attempt = 1; row; attempt++) {
    const snapshot = row.snapshot as { context?: { answers?: Json } };
    const answers = snapshot.context?.answers;
    if (!answers) return false;
    const rotated = reencryptAnswers(answers, keyring);
    if (!rotated.changed) return false;
    const next = { ...snapshot, context: { ...snapshot.context, answers: rotated.answers } };
    const written = await dataSource.manager.update(
      CaseEntity,
      { id: row.id, version: row.version },
      { snapshot: next },
    );
    if (written.affected === 1) return true;
    if (attempt === CASE_ROW_ATTEMPTS) {
      throw new Error(`case ${row.id} kept changing during the key rotation; run it again`);
    }
    row = await dataSource.manager.findOne(CaseEntity, {
      select: { id: true, snapshot: true, version: true },
      where: { id: row.id },
    });
  }
  return false;
}

/**
 * Re-encrypts, under the current key, every stored personal value that an older listed
 * key encrypted (case snapshots, the event payloads that carry answers, and licence
 * holders' ID numbers — including licences written before they were encrypted). Once it has
 * run, the old key can be dropped from `PII_KEYS`. Safe to run again: values already
 * under the current key are left alone. Case rows keep their version: the answers mean
 * the same, only their ciphertext changes. Safe while the services run: a case that
 * moves on meanwhile keeps its new state (see `reencryptCaseRow`).
 */
export async function reencryptStoredPii(
  dataSource: DataSource,
  keyring: PiiKeyring,
  batchSize = 200,
): Promise<RotationResult> {
  const result: RotationResult = { cases: 0, events: 0, licences: 0 };
  for (let skip = 0; ; skip += batchSize) {
    const rows = await dataSource.manager.find(CaseEntity, {
      select: { id: true, snapshot: true, version: true },
      order: { id: 'ASC' },
      skip,
      take: batchSize,
    });
    for (const row of rows) {
      if (await reencryptCaseRow(dataSource, keyring, row)) result.cases += 1;
    }
    if (rows.length < batchSize) break;
  }
  for (let skip = 0; ; skip += batchSize) {
    const events = await dataSource.manager.find(CaseEventEntity, {
      select: { id: true, payload: true },
      order: { id: 'ASC' },
      skip,
      take: batchSize,
    });
    for (const event of events) {
      const answers = event.payload.answers;
      if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) continue;
      const rotated = reencryptAnswers(answers as Json, keyring);
      if (!rotated.changed) continue;
      await dataSource.manager.update(
        CaseEventEntity,
        { id: event.id },
        { payload: { ...event.payload, answers: rotated.answers } },
      );
      result.events += 1;
    }
    if (events.length < batchSize) break;
  }
  // Licence rows: ordered by id and updated in place, so paging by skip stays stable.
  for (let skip = 0; ; skip += batchSize) {
    const licences = await dataSource.manager.find(LicenceEntity, {
      select: { id: true, holder: true, holderId: true, content: true },
      order: { id: 'ASC' },
      skip,
      take: batchSize,
    });
    for (const licence of licences) {
      const rotated = rotateLicenceRow(keyring, licence);
      if (!rotated) continue;
      await dataSource.manager.update(LicenceEntity, { id: licence.id }, rotated);
      result.licences += 1;
    }
    if (licences.length < batchSize) break;
  }
  return result;
}
