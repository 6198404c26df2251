import type { Label, TaskKind } from '@onevisit/definitions';
import type { TaskOutcome } from './task.service.js';

/** Every kind of task the case machine makes. */
export const TASK_KINDS = [
  'intake',
  'review',
  'procedure',
  'decision',
  'post-check',
  'rating-follow-up',
] as const satisfies readonly TaskKind[];

/** One way to complete a task, as the task page offers it. */
export interface TaskOutcomeOption {
  outcome: TaskOutcome;
  /** A reason must go with it (a denial, a failed post-check). */
  needsReason: boolean;
  label: Label;
}

/**
 * The outcomes each kind of task allows (what `eventOfTask` turns into a case event).
 * Intake is decided at the window for the whole case, not through a task.
 */
export const TASK_OUTCOMES_BY_KIND: Record<TaskKind, readonly TaskOutcomeOption[]> = {
  intake: [],
  review: [{ outcome: 'done', needsReason: false, label: { zh: '审查完成', en: 'Review done' } }],
  procedure: [
    { outcome: 'done', needsReason: false, label: { zh: '特殊环节完成', en: 'Procedure done' } },
  ],
  decision: [
    { outcome: 'approve', needsReason: false, label: { zh: '准予许可', en: 'Approve' } },
    { outcome: 'deny', needsReason: true, label: { zh: '不予许可', en: 'Deny' } },
  ],
  'post-check': [
    { outcome: 'passed', needsReason: false, label: { zh: '核查通过', en: 'Check passed' } },
    { outcome: 'failed', needsReason: true, label: { zh: '核查不通过', en: 'Check failed' } },
  ],
  'rating-follow-up': [
    { outcome: 'done', needsReason: false, label: { zh: '整改完成', en: 'Rectified' } },
  ],
};

export function outcomesOfTask(kind: string): readonly TaskOutcomeOption[] {
  return (TASK_OUTCOMES_BY_KIND as Record<string, readonly TaskOutcomeOption[]>)[kind] ?? [];
}
