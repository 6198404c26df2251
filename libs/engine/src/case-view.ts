import {
  type AllowedEvent,
  type Breach,
  type CaseContext,
  COMPLETED_ITEM_STATUSES,
  type CorrectionProblem,
  type ItemEndReason,
  type ProducedLicence,
} from '@onevisit/definitions';
import type { CaseStatus } from '@onevisit/persistence';
import type { CaseClocksView } from './clocks/clock-view.js';

export interface CaseItemView {
  item: string;
  department: string;
  status: string;
  /** `YYYY-MM-DD`, once the item's clock has started; null while it stands (paused). */
  dueDate: string | null;
  /** The item clock: running, paused (special procedure, suspension), stopped; null before it starts. */
  clock: 'running' | 'paused' | 'stopped' | null;
  /** Working days used at the clock's last pause or stop. */
  daysUsed: number | null;
  /** Due soon (临近超期) or overdue (超期), once a deadline check has flagged it. */
  dueFlag: 'due-soon' | 'overdue' | null;
  reason: ItemEndReason | null;
}

/** Something the applicant must do now (shown on the tracking page). */
export type ApplicantTodo =
  | { action: 'resubmit'; problems: CorrectionProblem[] }
  | { action: 'supply-materials'; materials: string[] }
  | { action: 'collect-results' }
  | { action: 'rate' };

/** A material the case holds, and where it came from (an upload, a held licence, or 免证可办). */
export interface CaseMaterialView {
  material: string;
  source: 'upload' | 'held-licence' | 'case-licence';
  licenceNumber: string | null;
  at: Date;
}

export interface CaseEventView {
  seq: number;
  type: string;
  actor: Record<string, unknown>;
  from: unknown;
  to: unknown;
  at: Date;
}

/** A case as the API shows it: the tracking view (办件进度). */
export interface CaseView {
  id: string;
  bundle: { code: string; version: number };
  status: CaseStatus;
  version: number;
  applicant: { sub: string; name: string };
  proxySub: string | null;
  window: string | null;
  /** The machine's state value (case region and one region per item). */
  state: unknown;
  outcome: CaseContext['outcome'];
  outcomeReason: string | null;
  items: CaseItemView[];
  problems: CorrectionProblem[];
  missing: string[];
  licences: ProducedLicence[];
  breaches: Breach[];
  rating: CaseContext['rating'];
  applicantTodo: ApplicantTodo[];
  allowedEvents: AllowedEvent[];
  timeline?: CaseEventView[];
  /** Time limits: the case's promised total and every clock (the single-case view only). */
  clocks?: CaseClocksView;
  /** Materials on record (the single-case view only). */
  materials?: CaseMaterialView[];
  createdAt: Date;
  updatedAt: Date;
}

export function applicantTodoOf(status: CaseStatus, context: CaseContext): ApplicantTodo[] {
  const todo: ApplicantTodo[] = [];
  if (status === 'correction') todo.push({ action: 'resubmit', problems: context.problems });
  if ((status === 'processing' || status === 'suspended') && context.missing.length > 0) {
    todo.push({ action: 'supply-materials', materials: [...context.missing] });
  }
  if (status === 'delivery' && resultsReady(context)) todo.push({ action: 'collect-results' });
  if (status === 'delivered') todo.push({ action: 'rate' });
  return todo;
}

/**
 * Whether there is something to collect: an item produced its result and no licence is
 * still being issued (a pledged item counts as done before its licence job has run).
 */
function resultsReady(context: CaseContext): boolean {
  const completed = Object.values(context.items).some((item) =>
    COMPLETED_ITEM_STATUSES.includes(item.status),
  );
  const issuing = context.licences.some((licence) => licence.number === null && !licence.revoked);
  return completed && !issuing;
}
