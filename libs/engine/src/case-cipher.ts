import { Injectable } from '@nestjs/common';
import type { PersistedCaseSnapshot } from '@onevisit/definitions';
import type { CaseEntity } from '@onevisit/persistence';
import { decryptAnswers, encryptAnswers, personalKeysOf, PiiKeyring } from '@onevisit/pii';
import type { PinnedDefinition } from './case-definitions.js';

type Payload = Record<string, unknown>;

/**
 * The one place where personal answers (ID numbers, phones, fields marked `personal`)
 * cross between memory and the database. The machine stays pure and works on plaintext;
 * what is stored — the case snapshot and the event payloads that carry answers — holds
 * `enc:v1:…` ciphertext instead.
 */
@Injectable()
export class CaseCipher {
  constructor(private readonly keyring: PiiKeyring) {}

  /** The snapshot as stored: personal answers encrypted. */
  sealSnapshot(definition: PinnedDefinition, persisted: PersistedCaseSnapshot): Payload {
    const sealed = {
      ...persisted,
      context: { ...persisted.context, answers: this.seal(definition, persisted.context.answers) },
    };
    return sealed;
  }

  /** An event payload as stored (START input, RESUBMIT): its `answers` encrypted. */
  sealPayload(definition: PinnedDefinition, payload: Payload): Payload {
    const answers = payload.answers;
    if (!isRecord(answers)) return payload;
    return { ...payload, answers: this.seal(definition, answers) };
  }

  /** The case row as the engine works with it: personal answers decrypted. */
  openRow(row: CaseEntity): CaseEntity {
    const snapshot = row.snapshot as unknown as PersistedCaseSnapshot | undefined;
    const answers = snapshot?.context?.answers;
    if (!isRecord(answers)) return row;
    const context = { ...snapshot!.context, answers: decryptAnswers(answers, this.keyring) };
    return { ...row, snapshot: { ...snapshot, context } };
  }

  /** A stored event payload with its answers decrypted. */
  openPayload(payload: Payload): Payload {
    const answers = payload.answers;
    if (!isRecord(answers)) return payload;
    return { ...payload, answers: decryptAnswers(answers, this.keyring) };
  }

  private seal<T extends Payload>(definition: PinnedDefinition, answers: T): T {
    return encryptAnswers(answers, personalKeysOf(definition.compiled.form), this.keyring);
  }
}

function isRecord(value: unknown): value is Payload {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
