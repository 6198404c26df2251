/**
 * Context changes of the case machine as pure functions `(context, event, params) →
 * partial context`. `create-bundle-machine.ts` wraps each in XState's `assign`.
 * Events of another type leave the context as it is (the JSON pairs them correctly).
 */
import type {
  CaseContext,
  CaseEvent,
  DependencyParams,
  ItemEndReason,
  ItemParams,
  ItemProgress,
  ItemStatus,
  MaterialsParams,
  ProducedLicence,
} from './case-machine.types.js';
import type { ExpiryRule } from '../definition.types.js';
import { failedUpstream } from './case-guards.js';

type Patch = Partial<CaseContext>;

function withItem(context: CaseContext, item: string, change: Partial<ItemProgress>): Patch {
  const current: ItemProgress = context.items[item] ?? {
    status: 'pending',
    procedure: null,
    reason: null,
  };
  return { items: { ...context.items, [item]: { ...current, ...change } } };
}

const unique = (values: string[]) => [...new Set(values)];

export const caseReducers = {
  accept: (): Patch => ({ accepted: true, problems: [] }),
  recordIdentityCheck: (_context: CaseContext, event: CaseEvent): Patch =>
    event.type === 'IDENTITY_CHECKED' ? { identityCheck: event.result } : {},
  acceptWithDeficiencies: (_context: CaseContext, event: CaseEvent): Patch =>
    event.type === 'ACCEPT_WITH_DEFICIENCIES'
      ? { accepted: true, problems: [], missing: unique(event.missing) }
      : {},
  requestCorrection: (context: CaseContext, event: CaseEvent): Patch =>
    event.type === 'REQUEST_CORRECTION'
      ? {
          problems: event.problems.map((problem) => ({ ...problem })),
          corrections: context.corrections + 1,
        }
      : {},
  resubmit: (context: CaseContext, event: CaseEvent): Patch =>
    event.type === 'RESUBMIT'
      ? {
          answers: { ...context.answers, ...event.answers },
          pledged: event.pledged === undefined ? context.pledged : unique(event.pledged),
          problems: [],
        }
      : {},
  reject: (_context: CaseContext, event: CaseEvent): Patch =>
    event.type === 'REJECT' ? { outcome: 'rejected', outcomeReason: event.reason } : {},
  withdraw: (_context: CaseContext, event: CaseEvent): Patch =>
    event.type === 'WITHDRAW' ? { outcome: 'withdrawn', outcomeReason: event.reason ?? null } : {},
  supplyMaterial: (context: CaseContext, event: CaseEvent): Patch => {
    if (event.type !== 'MATERIAL_SUPPLIED') return {};
    const missing = context.missing.filter((material) => material !== event.material);
    // A suspended case resumes once nothing is missing any more.
    return {
      missing,
      supplied: unique([...context.supplied, event.material]),
      suspended: context.suspended && missing.length > 0,
    };
  },
  expireSupplement: (
    context: CaseContext,
    _event: CaseEvent,
    params: { rule: ExpiryRule },
  ): Patch => ({
    supplementExpired: true,
    suspended: params.rule === 'suspend-case' && context.missing.length > 0,
  }),
  setItemStatus: (
    context: CaseContext,
    _event: CaseEvent,
    params: ItemParams & { status: ItemStatus; procedure?: number },
  ): Patch =>
    withItem(context, params.item, { status: params.status, procedure: params.procedure ?? null }),
  endItem: (
    context: CaseContext,
    _event: CaseEvent,
    params: ItemParams & { status: ItemStatus; reason: 'condition-false' | 'case-closed' },
  ): Patch =>
    withItem(context, params.item, {
      status: params.status,
      procedure: null,
      reason: { code: params.reason },
    }),
  endForFailedDependency: (
    context: CaseContext,
    _event: CaseEvent,
    params: DependencyParams,
  ): Patch => {
    const failed = failedUpstream(context, params);
    const reason: ItemEndReason = failed
      ? { code: 'dependency-failed', ...failed }
      : { code: 'dependency-failed', upstream: '', upstreamStatus: 'pending' };
    return withItem(context, params.item, { status: 'not-applicable', procedure: null, reason });
  },
  endForMissingMaterials: (
    context: CaseContext,
    _event: CaseEvent,
    params: MaterialsParams,
  ): Patch =>
    withItem(context, params.item, {
      status: 'not-completed',
      procedure: null,
      reason: {
        code: 'supplement-expired',
        materials: params.materials.filter((material) => context.missing.includes(material)),
      },
    }),
  denyItem: (context: CaseContext, event: CaseEvent, params: ItemParams): Patch =>
    event.type === 'DENY'
      ? withItem(context, params.item, {
          status: 'denied',
          procedure: null,
          reason: { code: 'denied', reason: event.reason },
        })
      : {},
  grantOnPledge: (
    context: CaseContext,
    _event: CaseEvent,
    params: ItemParams & { outputs: string[] },
  ): Patch => {
    const licences: ProducedLicence[] = params.outputs.map((type) => ({
      type,
      item: params.item,
      number: null,
      onPledge: true,
      revoked: false,
    }));
    return {
      ...withItem(context, params.item, { status: 'committed', procedure: null }),
      licences: [...context.licences, ...licences],
    };
  },
  recordLicences: (
    context: CaseContext,
    event: CaseEvent,
    params: ItemParams & { outputs: string[] },
  ): Patch => {
    if (event.type !== 'LICENCE_ISSUED') return {};
    const own = context.licences.filter((licence) => licence.item === params.item);
    const others = context.licences.filter((licence) => licence.item !== params.item);
    const onPledge = own.some((licence) => licence.onPledge);
    // Every output ends up recorded, numbered when the issuing job reported the number.
    const types = unique([...params.outputs, ...event.licences.map((licence) => licence.type)]);
    const recorded: ProducedLicence[] = types.map((type) => ({
      type,
      item: params.item,
      number:
        event.licences.find((licence) => licence.type === type)?.number ??
        own.find((licence) => licence.type === type)?.number ??
        null,
      onPledge,
      revoked: false,
    }));
    return { licences: [...others, ...recorded] };
  },
  revokeItem: (context: CaseContext, event: CaseEvent, params: ItemParams): Patch => {
    if (event.type !== 'POST_CHECK_FAILED') return {};
    return {
      ...withItem(context, params.item, {
        status: 'revoked',
        procedure: null,
        reason: { code: 'post-check-failed', reason: event.reason },
      }),
      licences: context.licences.map((licence) =>
        licence.item === params.item ? { ...licence, revoked: true } : licence,
      ),
      breaches: [...context.breaches, { item: params.item, reason: event.reason }],
    };
  },
  recordDelivery: (_context: CaseContext, event: CaseEvent): Patch =>
    event.type === 'DELIVER' ? { delivery: event.method } : {},
  recordRating: (_context: CaseContext, event: CaseEvent): Patch =>
    event.type === 'RATE' ? { rating: { level: event.level, comment: event.comment ?? null } } : {},
};
