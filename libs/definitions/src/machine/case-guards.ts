/**
 * Guards of the case machine, referenced by name (with params) from the compiled JSON.
 * Pure predicates over the context and the event.
 */
import type { DeliveryOption } from '../definition.types.js';
import {
  COMPLETED_ITEM_STATUSES,
  TERMINAL_ITEM_STATUSES,
  type CaseContext,
  type CaseEvent,
  type ConditionParams,
  type DependencyParams,
  type InstantApprovalParams,
  type ItemParams,
  type ItemStatus,
  type MaterialsParams,
} from './case-machine.types.js';
import { evaluateCondition } from './evaluate-condition.js';

export interface GuardArgs {
  context: CaseContext;
  event: CaseEvent;
}

/** Item statuses after which the item will never issue its licences. */
const FAILED_STATUSES: readonly ItemStatus[] = [
  'denied',
  'revoked',
  'not-applicable',
  'not-completed',
  'cancelled',
];

function liveLicence(context: CaseContext, type: string): boolean {
  return context.licences.some((licence) => licence.type === type && !licence.revoked);
}

/** The first producer whose failure leaves a dependency unmet for good, if any. */
export function failedUpstream(
  context: CaseContext,
  params: DependencyParams,
): { upstream: string; upstreamStatus: ItemStatus } | null {
  for (const type of params.dependsOn) {
    const producers = params.producers[type] ?? [];
    if (producers.length === 0 || liveLicence(context, type)) continue;
    const statuses = producers.map((code) => context.items[code]?.status ?? 'pending');
    if (statuses.every((status) => FAILED_STATUSES.includes(status))) {
      return { upstream: producers[0], upstreamStatus: statuses[0] };
    }
  }
  return null;
}

const missingOf = (context: CaseContext, params: MaterialsParams) =>
  params.materials.filter((material) => context.missing.includes(material));

/**
 * 秒批: `approve` when the rule holds, nothing needed is missing and (when asked) the
 * identity matched; `wait` while only the identity check's answer is missing; `officer`
 * when the rule cannot decide.
 */
export function instantDecision(
  context: CaseContext,
  params: InstantApprovalParams,
): 'approve' | 'wait' | 'officer' {
  if (!evaluateCondition(params.when, context.answers)) return 'officer';
  if (missingOf(context, params).length > 0) return 'officer';
  if (!params.requiresIdentityCheck) return 'approve';
  const identity = context.identityCheck ?? null;
  if (identity === null) return 'wait';
  return identity === 'match' ? 'approve' : 'officer';
}

export const caseGuards = {
  /** An item event for this item, while the case is not suspended (suspension freezes items). */
  itemEvent: ({ context, event }: GuardArgs, params: ItemParams) =>
    'item' in event && event.item === params.item && !context.suspended,
  caseAccepted: ({ context }: GuardArgs) => context.accepted,
  caseEndedBeforeAcceptance: ({ context }: GuardArgs) =>
    !context.accepted && context.outcome !== null,
  conditionFalse: ({ context }: GuardArgs, params: ConditionParams) =>
    !evaluateCondition(params.when, context.answers),
  pledged: ({ context }: GuardArgs, params: ItemParams) => context.pledged.includes(params.item),
  instantApproves: ({ context }: GuardArgs, params: InstantApprovalParams) =>
    instantDecision(context, params) === 'approve',
  instantWaits: ({ context }: GuardArgs, params: InstantApprovalParams) =>
    instantDecision(context, params) === 'wait',
  instantHandsOver: ({ context }: GuardArgs, params: InstantApprovalParams) =>
    instantDecision(context, params) === 'officer',
  /** The identity check is recorded once; a re-run of its job finds it recorded. */
  identityUnchecked: ({ context }: GuardArgs) => (context.identityCheck ?? null) === null,
  dependenciesMet: ({ context }: GuardArgs, params: DependencyParams) =>
    params.dependsOn.every(
      (type) => (params.producers[type] ?? []).length === 0 || liveLicence(context, type),
    ),
  dependencyFailed: ({ context }: GuardArgs, params: DependencyParams) =>
    failedUpstream(context, params) !== null,
  materialsMissing: ({ context }: GuardArgs, params: MaterialsParams) =>
    missingOf(context, params).length > 0,
  materialsPresent: ({ context }: GuardArgs, params: MaterialsParams) =>
    missingOf(context, params).length === 0,
  neededMaterialExpired: ({ context }: GuardArgs, params: MaterialsParams) =>
    context.supplementExpired && missingOf(context, params).length > 0,
  /** 容缺受理 only for materials tolerable for every item that needs them (the merged `tolerable`). */
  deficienciesTolerable: ({ event }: GuardArgs, params: { tolerable: string[] }) =>
    event.type === 'ACCEPT_WITH_DEFICIENCIES' &&
    event.missing.length > 0 &&
    event.missing.every((material) => params.tolerable.includes(material)),
  hasProblems: ({ event }: GuardArgs) =>
    event.type === 'REQUEST_CORRECTION' && event.problems.length > 0,
  nothingMissing: ({ context }: GuardArgs) => context.missing.length === 0,
  materialMissing: ({ context, event }: GuardArgs) =>
    event.type === 'MATERIAL_SUPPLIED' && context.missing.includes(event.material),
  caseSuspended: ({ context }: GuardArgs) => context.suspended,
  caseNotSuspended: ({ context }: GuardArgs) => !context.suspended,
  allItemsTerminal: ({ context }: GuardArgs) =>
    Object.values(context.items).every((item) => TERMINAL_ITEM_STATUSES.includes(item.status)),
  /** Fully completed: every item gave its result or never applied. */
  allItemsCompleted: ({ context }: GuardArgs) =>
    Object.values(context.items).every(
      (item) =>
        COMPLETED_ITEM_STATUSES.includes(item.status) || item.reason?.code === 'condition-false',
    ),
  deliveryMethodAllowed: ({ event }: GuardArgs, params: { methods: DeliveryOption[] }) =>
    event.type === 'DELIVER' && params.methods.includes(event.method),
  validRating: ({ event }: GuardArgs) => event.type === 'RATE' && isRatingLevel(event.level),
  /** 差评 (levels 1 and 2) needs a follow-up. */
  poorRating: ({ event }: GuardArgs) =>
    event.type === 'RATE' && isRatingLevel(event.level) && event.level <= 2,
};

function isRatingLevel(level: number): boolean {
  return Number.isInteger(level) && level >= 1 && level <= 5;
}
