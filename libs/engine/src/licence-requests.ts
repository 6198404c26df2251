import type { CaseEffect } from '@onevisit/definitions';
import type { LicenceIssueItem } from '@onevisit/queues';

/** The licences a transition's effects ask to issue, as a `licence.issue` job carries them. */
export function licenceRequestsOf(effects: readonly CaseEffect[]): LicenceIssueItem[] {
  return effects.flatMap((effect) =>
    effect.kind === 'issue-licence'
      ? [
          {
            item: effect.item,
            department: effect.department,
            licenceTypes: effect.licenceTypes,
            onPledge: effect.onPledge,
          },
        ]
      : [],
  );
}
