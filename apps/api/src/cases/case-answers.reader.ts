import { Injectable } from '@nestjs/common';
import type { Identity } from '@onevisit/auth';
import type { MergedField, PersistedCaseSnapshot } from '@onevisit/definitions';
import { CaseDefinitions, CaseService, type CaseView } from '@onevisit/engine';
import { isPersonalField, maskValue, PiiAccessLog } from '@onevisit/pii';

export interface CaseAnswersView {
  caseId: string;
  answers: Record<string, unknown>;
  /** Personal fields shown masked to this caller. */
  masked: string[];
}

/**
 * The form answers of a case (一表申请的内容), with personal data shown in full only to
 * those who need it: the applicant, the window serving the case, and officers for the
 * fields their department's items use. Supervisors and admins see it masked. Every
 * staff read of personal fields is written to the access log, under `purpose`.
 */
@Injectable()
export class CaseAnswersReader {
  constructor(
    private readonly cases: CaseService,
    private readonly definitions: CaseDefinitions,
    private readonly accessLog: PiiAccessLog,
  ) {}

  /**
   * `view` is the case as `user` may see it (officers: only their items). With `only`,
   * just the answers of the fields it keeps (a task page shows what its item needs).
   */
  async read(
    view: CaseView,
    user: Identity,
    purpose: string,
    only?: (field: MergedField) => boolean,
  ): Promise<CaseAnswersView> {
    const row = await this.cases.load(view.id);
    const definition = await this.definitions.pinned(row.bundleCode, row.bundleVersion);
    const held = (row.snapshot as unknown as PersistedCaseSnapshot).context.answers;
    const kept = only ? new Set(definition.compiled.form.filter(only).map((f) => f.key)) : null;
    const answers: Record<string, unknown> = kept
      ? Object.fromEntries(Object.entries(held).filter(([key]) => kept.has(key)))
      : { ...held };
    const ownItems = new Set(view.items.map((item) => item.item));
    const shown: { key: string; shown: 'full' | 'masked' }[] = [];
    for (const field of definition.compiled.form.filter(isPersonalField)) {
      if (answers[field.key] === undefined || answers[field.key] === null) continue;
      const full = needsInFull(user, view.applicant.sub, field.usedBy, ownItems);
      if (!full) answers[field.key] = maskValue(answers[field.key], field.type);
      shown.push({ key: field.key, shown: full ? 'full' : 'masked' });
    }
    const isApplicant = user.roles.includes('applicant') && view.applicant.sub === user.sub;
    if (!isApplicant) await this.accessLog.record(user, view.id, shown, purpose);
    return {
      caseId: view.id,
      answers,
      masked: shown.filter((entry) => entry.shown === 'masked').map((entry) => entry.key),
    };
  }
}

/** Whether this caller needs a personal field in full (the caller already may see the case). */
function needsInFull(
  user: Identity,
  applicantSub: string,
  usedBy: string[],
  officerItems: Set<string>,
): boolean {
  if (user.roles.includes('applicant') && user.sub === applicantSub) return true;
  // visibleCase let the clerk through: the window serving the case checks identity.
  if (user.roles.includes('clerk')) return true;
  if (user.roles.includes('officer')) {
    return usedBy.includes('bundle') || usedBy.some((item) => officerItems.has(item));
  }
  return false;
}
