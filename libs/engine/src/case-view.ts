import type {
  AllowedEvent,
  Breach,
  CaseContext,
  CorrectionProblem,
  ItemEndReason,
  ProducedLicence,
} from '@onevisit/definitions';
import type { CaseStatus } from '@onevisit/persistence';

export interface CaseItemView {
  item: string;
  department: string;
  status: string;
  /** `YYYY-MM-DD`, once the item's clock has started. */
  dueDate: string | null;
  reason: ItemEndReason | null;
}

/** Something the applicant must do now (shown on the tracking page). */
export type ApplicantTodo =
  | { action: 'resubmit'; problems: CorrectionProblem[] }
  | { action: 'supply-materials'; materials: string[] }
  | { action: 'collect-results' }
  | { action: 'rate' };

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
  createdAt: Date;
  updatedAt: Date;
}

export function applicantTodoOf(status: CaseStatus, context: CaseContext): ApplicantTodo[] {
  const todo: ApplicantTodo[] = [];
  if (status === 'correction') todo.push({ action: 'resubmit', problems: context.problems });
  if ((status === 'processing' || status === 'suspended') && context.missing.length > 0) {
    todo.push({ action: 'supply-materials', materials: [...context.missing] });
  }
  if (status === 'delivery') todo.push({ action: 'collect-results' });
  if (status === 'delivered') todo.push({ action: 'rate' });
  return todo;
}
