import type { CaseContext, Label } from '@onevisit/definitions';
import { isCiphertext } from '@onevisit/pii';
import type { NotificationFacts, NotificationMessage } from '@onevisit/queues';
import type { PinnedDefinition } from './case-definitions.js';
import type { TransitionRecord } from './case-effects.writer.js';

/** The answer that holds the applicant's phone, in every bundle's form. */
const PHONE_ANSWER = 'applicantPhone';

/** Short case reference the applicant can quote at the window. */
export function caseRefOf(caseId: string): string {
  return `C-${caseId.slice(0, 8).toUpperCase()}`;
}

/**
 * The facts a text's template is filled with, from the case's context: the item's end
 * reason for a text about an item, the case's outcome reason for one about the case.
 */
export function notificationFactsOf(
  caseId: string,
  context: CaseContext,
  names: { bundle: Label; item?: Label },
  item: string | undefined,
): NotificationFacts {
  const ended = item ? context.items[item]?.reason : undefined;
  const reason = ended && 'reason' in ended ? ended.reason : (context.outcomeReason ?? undefined);
  return {
    bundleName: names.bundle,
    caseRef: caseRefOf(caseId),
    ...(names.item ? { itemName: names.item } : {}),
    ...((item || context.outcome) && reason ? { reason } : {}),
  };
}

/**
 * The text a transition's `notify` effect asks for, as that transition made it, with the
 * phone as the case stores it (`record.storedAnswers`). Undefined when there are no
 * stored answers or the stored phone is not encrypted (a job payload never carries
 * personal data in clear): the job then reads the case.
 */
export function notificationMessageOf(
  record: Pick<TransitionRecord, 'caseId' | 'after' | 'storedAnswers' | 'definition'>,
  item: string | undefined,
): NotificationMessage | undefined {
  if (!record.storedAnswers) return undefined;
  const phone = record.storedAnswers[PHONE_ANSWER];
  const absent = phone === undefined || phone === null || phone === '';
  if (!absent && !isCiphertext(phone)) return undefined;
  return {
    to: absent ? null : phone,
    facts: notificationFactsOf(record.caseId, record.after, namesOf(record.definition, item), item),
  };
}

/** The names a text shows: the bundle's, and the item's when it is about one. */
function namesOf(definition: PinnedDefinition, item: string | undefined) {
  const { notification } = definition.compiled;
  const itemName = item ? notification.items.find((entry) => entry.item === item)?.name : undefined;
  return { bundle: notification.bundle.name, ...(itemName ? { item: itemName } : {}) };
}
