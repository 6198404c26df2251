import { ForbiddenException } from '@nestjs/common';
import type { Identity } from '@onevisit/auth';
import { type Actor, type CaseView, clerkServesWindow } from '@onevisit/engine';

/**
 * Who may see a case: its applicant, clerks of the window it was taken at (or of any
 * window while it is unassigned; a clerk without a window serves every case — see
 * `clerkServesWindow`), officers of a department with an item in it (seeing only their
 * items), supervisors and admins. Returns the view as that person may see it.
 */
export function visibleCase(view: CaseView, identity: Identity): CaseView {
  const roles = identity.roles;
  if (roles.includes('supervisor') || roles.includes('admin')) return view;
  if (roles.includes('clerk') && clerkServesWindow(identity.window, view.window)) return view;
  if (roles.includes('applicant') && view.applicant.sub === identity.sub) return view;
  if (roles.includes('officer')) {
    const items = view.items.filter((item) => item.department === identity.department);
    if (items.length > 0) return { ...view, items };
  }
  throw new ForbiddenException(`${identity.sub} may not see case ${view.id}`);
}

export const userActor = (identity: Identity): Actor => ({ kind: 'user', identity });
