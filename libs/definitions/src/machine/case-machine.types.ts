/**
 * The case machine's public vocabulary: its context, its input, the events it accepts
 * and the effects it asks the engine to carry out.
 *
 * Everything here is plain JSON (no `undefined`, no Date, no class) because the context
 * is persisted inside the snapshot and the effects are written to the outbox as they are.
 */
import type { Condition, DeliveryOption, ExpiryRule } from '../definition.types.js';

export type AnswerValue = string | number | boolean | null | string[];
export type Answers = Record<string, AnswerValue>;

/** What the engine passes to `initialTransition` when the applicant submits the one form. */
export interface CaseInput {
  answers: Answers;
  /** Items the applicant signed a pledge for (告知承诺). */
  pledged?: string[];
}

export const ITEM_STATUSES = [
  'pending',
  'waiting',
  'review',
  'procedure',
  'decision',
  'awaiting-material',
  /** 秒批: the instant-approval rule waits for the shared-data identity check. */
  'instant-review',
  'issuing',
  'committed',
  'approved',
  'confirmed',
  'denied',
  'revoked',
  'not-applicable',
  'not-completed',
  'cancelled',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Statuses after which an item no longer holds the case back from delivery. */
export const TERMINAL_ITEM_STATUSES: readonly ItemStatus[] = [
  'committed',
  'approved',
  'confirmed',
  'denied',
  'revoked',
  'not-applicable',
  'not-completed',
  'cancelled',
];

/** Statuses of an item whose result the applicant receives. */
export const COMPLETED_ITEM_STATUSES: readonly ItemStatus[] = [
  'committed',
  'approved',
  'confirmed',
];

/** Why an item ended without (or lost) its result. */
export type ItemEndReason =
  | { code: 'condition-false' }
  | { code: 'dependency-failed'; upstream: string; upstreamStatus: ItemStatus }
  | { code: 'denied'; reason: string }
  | { code: 'supplement-expired'; materials: string[] }
  | { code: 'post-check-failed'; reason: string }
  | { code: 'case-closed' };

export interface ItemProgress {
  status: ItemStatus;
  /** Index of the special procedure under way (0-based), null outside procedures. */
  procedure: number | null;
  reason: ItemEndReason | null;
}

export interface ProducedLicence {
  type: string;
  item: string;
  /** Licence number once issued (LICENCE_ISSUED); null while the issuing job runs. */
  number: string | null;
  /** Issued on a pledge (告知承诺): revoked if the post-check fails. */
  onPledge: boolean;
  revoked: boolean;
}

export interface Breach {
  item: string;
  reason: string;
}

export interface CorrectionProblem {
  message: string;
  field?: string;
  material?: string;
}

export type CaseOutcome = 'rejected' | 'withdrawn';

/** Answer of the shared-data identity check (共享核验). */
export const IDENTITY_CHECK_RESULTS = ['match', 'mismatch', 'invalid'] as const;
export type IdentityCheckResult = (typeof IDENTITY_CHECK_RESULTS)[number];

export interface CaseContext {
  answers: Answers;
  pledged: string[];
  /** Set once by ACCEPT / ACCEPT_WITH_DEFICIENCIES: items start from here. */
  accepted: boolean;
  outcome: CaseOutcome | null;
  outcomeReason: string | null;
  /** Problems of the last correction request (补正), all told at once. */
  problems: CorrectionProblem[];
  corrections: number;
  /** Tolerated materials (容缺) not yet supplied. */
  missing: string[];
  /** Tolerated materials supplied after acceptance. */
  supplied: string[];
  supplementExpired: boolean;
  /** Case suspended after the supplement deadline (`suspend-case`): item events are refused. */
  suspended: boolean;
  items: Record<string, ItemProgress>;
  licences: ProducedLicence[];
  breaches: Breach[];
  delivery: DeliveryOption | null;
  rating: { level: number; comment: string | null } | null;
  /**
   * The identity check's answer, null until it arrives. Present only in bundles with an
   * instant-approval rule that needs it (absent elsewhere, so their snapshots are unchanged).
   */
  identityCheck?: IdentityCheckResult | null;
}

export interface IssuedLicenceRef {
  type: string;
  number: string;
}

/** Every event the case machine knows. Events about one item carry its code. */
export type CaseEvent =
  | { type: 'ACCEPT' }
  | { type: 'ACCEPT_WITH_DEFICIENCIES'; missing: string[] }
  | { type: 'REQUEST_CORRECTION'; problems: CorrectionProblem[] }
  | { type: 'RESUBMIT'; answers: Answers; pledged?: string[] }
  | { type: 'REJECT'; reason: string }
  | { type: 'WITHDRAW'; reason?: string }
  | { type: 'REVIEW_DONE'; item: string }
  | { type: 'PROCEDURE_DONE'; item: string }
  | { type: 'APPROVE'; item: string }
  | { type: 'DENY'; item: string; reason: string }
  | { type: 'LICENCE_ISSUED'; item: string; licences: IssuedLicenceRef[] }
  | { type: 'POST_CHECK_PASSED'; item: string }
  | { type: 'POST_CHECK_FAILED'; item: string; reason: string }
  | { type: 'MATERIAL_SUPPLIED'; material: string }
  | { type: 'SUPPLEMENT_DEADLINE_PASSED' }
  | { type: 'DELIVER'; method: DeliveryOption }
  | { type: 'RATE'; level: number; comment?: string }
  | { type: 'IDENTITY_CHECKED'; result: IdentityCheckResult };

export type CaseEventType = CaseEvent['type'];

/** Events that concern one item: they carry `item` and are refused while the case is suspended. */
export const ITEM_EVENT_TYPES = [
  'REVIEW_DONE',
  'PROCEDURE_DONE',
  'APPROVE',
  'DENY',
  'LICENCE_ISSUED',
  'POST_CHECK_PASSED',
  'POST_CHECK_FAILED',
] as const satisfies readonly CaseEventType[];

/** Department code of the integrated window (综合窗口), which owns intake and delivery tasks. */
export const WINDOW_DEPARTMENT = 'integrated-window';

export type TaskKind =
  'intake' | 'review' | 'procedure' | 'decision' | 'post-check' | 'rating-follow-up';
export type TimerKind = 'supplement-deadline' | 'post-check-due';
export type ClockKind = 'intake' | 'case' | 'item' | 'procedure';
export type ClockAction = 'start' | 'pause' | 'resume' | 'stop';
export type NotifyTemplate =
  | 'correction-requested'
  | 'rejected'
  | 'accepted'
  | 'accepted-with-deficiencies'
  | 'item-denied'
  | 'item-ended'
  | 'post-check-failed'
  | 'supplement-expired-suspended'
  | 'supplement-expired-items-ended'
  | 'case-resumed'
  | 'results-ready'
  | 'delivered';
export type SupervisionTopic =
  'accepted' | 'rejected' | 'item-decided' | 'breach' | 'delivered' | 'rated';

/**
 * Work the engine carries out after committing a transition (one outbox row each).
 * Params are static ids and numbers; whatever depends on the event or the case
 * (reasons, answers, licence numbers) the job reads from the case itself.
 */
export type CaseEffect =
  | {
      kind: 'task';
      task: TaskKind;
      department: string;
      item?: string;
      procedure?: { index: number; kind: string; maxDays: number };
    }
  | {
      kind: 'issue-licence';
      item: string;
      department: string;
      licenceTypes: string[];
      onPledge: boolean;
    }
  | { kind: 'revoke-approval'; item: string; department: string }
  | { kind: 'revoke-licence'; item: string; department: string; licenceTypes: string[] }
  | { kind: 'timer'; timer: TimerKind; workingDays: number; item?: string; sends?: CaseEventType }
  | { kind: 'notify'; template: NotifyTemplate; item?: string }
  | { kind: 'supervision'; topic: SupervisionTopic; item?: string }
  | {
      /**
       * Time-limit clocks: `case` and `item` clocks count working days against the promised
       * limits; a `procedure` clock runs while a special procedure (特殊环节, not counted)
       * is under way; `intake` runs until the intake decision. A case `pause` (correction,
       * suspension) pauses every running item clock of the case as well.
       */
      kind: 'clock';
      clock: ClockKind;
      action: ClockAction;
      item?: string;
      procedure?: number;
      limitDays?: number;
    };

export type EffectKind = CaseEffect['kind'];

// ------------------------------------------------------------- guard and action params

export interface ItemParams {
  item: string;
}

export interface DependencyParams {
  item: string;
  /** Licence types the item waits for. */
  dependsOn: string[];
  /** For each of those types, the items of the bundle that issue it. */
  producers: Record<string, string[]>;
}

export interface ConditionParams {
  when: Condition;
}

export interface MaterialsParams {
  item: string;
  materials: string[];
}

/** 秒批: the item's rule with what else decides it. */
export interface InstantApprovalParams {
  item: string;
  when: Condition;
  requiresIdentityCheck: boolean;
  /** Tolerated materials the item needs: while one is missing, an officer decides. */
  materials: string[];
}

export interface ExpiryParams {
  rule: ExpiryRule;
}
