import type { CaseEvent, CaseEventType } from '@onevisit/definitions';
import type { Actor } from './actor.js';

/** What authorisation needs to know about a case. */
export interface CaseParties {
  applicantSub: string;
  /** Department of each item of the case. */
  departments: Record<string, string>;
  /** The integrated window the case was taken at (null: started online by the applicant). */
  window?: string | null;
}

/**
 * The window rule: a clerk bound to a window works the cases taken at that window and
 * the unassigned ones (started online); a clerk without a window (the central desk)
 * works every case. Another window's cases are that window's business.
 */
export function clerkServesWindow(
  clerkWindow: string | undefined,
  caseWindow: string | null | undefined,
): boolean {
  return (
    clerkWindow === undefined ||
    caseWindow === null ||
    caseWindow === undefined ||
    caseWindow === clerkWindow
  );
}

/** Events the applicant (or a clerk acting for them) sends. */
const APPLICANT_EVENTS: readonly CaseEventType[] = [
  'WITHDRAW',
  'RESUBMIT',
  'MATERIAL_SUPPLIED',
  'RATE',
];
/** Events of the integrated window (综合窗口). A clerk may also act for the applicant, but never rate. */
const CLERK_EVENTS: readonly CaseEventType[] = [
  'ACCEPT',
  'ACCEPT_WITH_DEFICIENCIES',
  'REQUEST_CORRECTION',
  'REJECT',
  'DELIVER',
  'WITHDRAW',
  'RESUBMIT',
  'MATERIAL_SUPPLIED',
];
/** Events of the officers of the item's department. */
const OFFICER_EVENTS: readonly CaseEventType[] = [
  'REVIEW_DONE',
  'PROCEDURE_DONE',
  'APPROVE',
  'DENY',
  'POST_CHECK_PASSED',
  'POST_CHECK_FAILED',
];
/** Jobs and timers: automated results, never a person's own choices (withdraw, resubmit, rate). */
const SYSTEM_EVENTS: readonly CaseEventType[] = [
  'LICENCE_ISSUED',
  'SUPPLEMENT_DEADLINE_PASSED',
  'IDENTITY_CHECKED',
  'MATERIAL_SUPPLIED',
  ...OFFICER_EVENTS,
  ...CLERK_EVENTS.filter((type) => type !== 'WITHDRAW' && type !== 'RESUBMIT'),
];

/**
 * Why `actor` may not send `event` on the case, or null when it may. Pure, so the rules
 * are unit-tested apart from HTTP.
 */
export function refusalOf(actor: Actor, event: CaseEvent, parties: CaseParties): string | null {
  if (actor.kind === 'system') {
    return SYSTEM_EVENTS.includes(event.type) ? null : `the system may not send ${event.type}`;
  }
  const { identity } = actor;
  if (
    identity.roles.includes('clerk') &&
    CLERK_EVENTS.includes(event.type) &&
    clerkServesWindow(identity.window, parties.window)
  ) {
    return null;
  }
  if (
    identity.roles.includes('applicant') &&
    identity.sub === parties.applicantSub &&
    APPLICANT_EVENTS.includes(event.type)
  ) {
    return null;
  }
  if (identity.roles.includes('officer') && OFFICER_EVENTS.includes(event.type)) {
    const item = 'item' in event ? event.item : undefined;
    const department = item === undefined ? undefined : parties.departments[item];
    if (department === undefined) return `the case has no item ${String(item)}`;
    if (department === identity.department) return null;
    return `item ${item} belongs to department ${department}`;
  }
  return `${identity.sub} may not send ${event.type} on this case`;
}
