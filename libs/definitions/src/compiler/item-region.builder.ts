/**
 * One parallel region per service item: applicability, dependencies, then either the
 * commitment path (告知承诺: approve on pledge, post-check later) or the normal path
 * (review → special procedures → decision → licence issuing).
 */
import type { BundleItem, ExpiryRule, ServiceItem } from '../definition.types.js';
import type { DependencyParams, InstantApprovalParams } from '../machine/case-machine.types.js';
import type { StateJson, TransitionJson } from './machine-json.types.js';
import { effect, itemEvent, ref, setItemStatus } from './machine-refs.util.js';

export interface ItemRegionInput {
  bundleItem: BundleItem;
  service: ServiceItem;
  /** State key of the region (the item code made safe for XState). */
  key: string;
  /** Licence type → codes of the bundle items that issue it. */
  producers: Map<string, string[]>;
  onExpiry: ExpiryRule;
}

/** Id of the item region: lets inner states target the item's end states by `#id.state`. */
export function itemRegionId(key: string): string {
  return `item-${key}`;
}

export function buildItemRegion(input: ItemRegionInput): StateJson {
  const { bundleItem, service, key, producers, onExpiry } = input;
  const item = service.code;
  const department = service.department;
  const id = itemRegionId(key);
  const outputs = [...service.outputs];
  const approvedTarget = outputs.length > 0 ? `#${id}.issuing` : `#${id}.approved`;
  const dependsOn = [...(bundleItem.dependsOn ?? [])];
  const dependency: DependencyParams = {
    item,
    dependsOn,
    producers: Object.fromEntries(
      dependsOn.map((type) => [type, [...(producers.get(type) ?? [])]]),
    ),
  };
  // Only tolerated (容缺) materials can be missing after acceptance; only required ones hold a decision.
  const awaitable = service.materials
    .filter((entry) => entry.required && entry.tolerable)
    .map((entry) => entry.material);
  const materials = { item, materials: awaitable };

  // Ends shared by the waiting and the active states ("not yet decided").
  const undecidedEnds: TransitionJson[] = [];
  if (onExpiry === 'end-affected-items' && awaitable.length > 0) {
    undecidedEnds.push({
      guard: ref('neededMaterialExpired', materials),
      target: `#${id}.notCompleted`,
      actions: [
        ref('endForMissingMaterials', materials),
        effect({ kind: 'notify', template: 'item-ended', item }),
      ],
    });
  }
  if (dependsOn.length > 0) {
    undecidedEnds.push({
      guard: ref('dependencyFailed', dependency),
      target: `#${id}.notApplicable`,
      actions: [
        ref('endForFailedDependency', dependency),
        effect({ kind: 'notify', template: 'item-ended', item }),
      ],
    });
  }

  const deny: TransitionJson = {
    guard: itemEvent(item),
    target: `#${id}.denied`,
    actions: [ref('denyItem', { item })],
  };

  const procedureKey = (index: number) => `procedure${index + 1}`;
  const procedures: Record<string, StateJson> = {};
  service.specialProcedures.forEach((procedure, index) => {
    const next =
      index + 1 < service.specialProcedures.length ? procedureKey(index + 1) : 'decision';
    procedures[procedureKey(index)] = {
      meta: { procedure: { index, kind: procedure.kind, name: { ...procedure.name } } },
      entry: [
        setItemStatus(item, 'procedure', index),
        // 特殊环节不计时: the item clock pauses while the procedure's own clock runs.
        effect({ kind: 'clock', clock: 'item', action: 'pause', item }),
        effect({
          kind: 'clock',
          clock: 'procedure',
          action: 'start',
          item,
          procedure: index,
          limitDays: procedure.maxDays,
        }),
        effect({
          kind: 'task',
          task: 'procedure',
          department,
          item,
          procedure: { index, kind: procedure.kind, maxDays: procedure.maxDays },
        }),
      ],
      exit: [
        effect({ kind: 'clock', clock: 'procedure', action: 'stop', item, procedure: index }),
        effect({ kind: 'clock', clock: 'item', action: 'resume', item }),
      ],
      on: { PROCEDURE_DONE: { guard: itemEvent(item), target: next } },
    };
  });

  const deciding: StateJson = {
    entry: [
      setItemStatus(item, 'decision'),
      effect({ kind: 'task', task: 'decision', department, item }),
    ],
    on: {
      APPROVE: {
        guard: itemEvent(item),
        target: approvedTarget,
      },
      DENY: deny,
    },
  };
  const decision: StateJson =
    awaitable.length > 0
      ? {
          initial: 'checkingMaterials',
          states: {
            checkingMaterials: {
              always: [
                { guard: ref('materialsMissing', materials), target: 'awaitingMaterial' },
                { target: 'deciding' },
              ],
            },
            awaitingMaterial: {
              entry: [setItemStatus(item, 'awaiting-material')],
              always: { guard: ref('materialsPresent', materials), target: 'deciding' },
            },
            deciding,
          },
        }
      : { initial: 'deciding', states: { deciding } };

  const active: StateJson = {
    initial: 'review',
    ...(undecidedEnds.length > 0 ? { always: undecidedEnds } : {}),
    // Every way out of `active` is a decision or an end: the item's clock stops.
    exit: [effect({ kind: 'clock', clock: 'item', action: 'stop', item })],
    states: {
      review: {
        entry: [
          setItemStatus(item, 'review'),
          effect({
            kind: 'clock',
            clock: 'item',
            action: 'start',
            item,
            limitDays: service.promisedLimitDays,
          }),
          effect({ kind: 'task', task: 'review', department, item }),
        ],
        on: {
          REVIEW_DONE: {
            guard: itemEvent(item),
            target: service.specialProcedures.length > 0 ? procedureKey(0) : 'decision',
          },
          DENY: deny,
        },
      },
      ...procedures,
      decision,
    },
  };

  const commitment = service.commitment?.allowed === true ? service.commitment : undefined;
  // 秒批: decided by the rule with no officer task; licences are issued as for any approval.
  const instant: InstantApprovalParams | undefined = service.instantApproval
    ? {
        item,
        when: service.instantApproval.when,
        requiresIdentityCheck: service.instantApproval.requiresIdentityCheck === true,
        materials: awaitable,
      }
    : undefined;
  const instantFromReady: TransitionJson[] = instant
    ? [
        { guard: ref('instantApproves', instant), target: approvedTarget },
        { guard: ref('instantWaits', instant), target: 'instantReview' },
      ]
    : [];
  const states: Record<string, StateJson> = {
    idle: {
      always: [
        { guard: ref('caseAccepted'), target: 'checking' },
        {
          guard: ref('caseEndedBeforeAcceptance'),
          target: 'cancelled',
          actions: [ref('endItem', { item, status: 'cancelled', reason: 'case-closed' })],
        },
      ],
    },
    checking: {
      always: [
        ...(bundleItem.when === undefined
          ? []
          : [
              {
                guard: ref('conditionFalse', { when: bundleItem.when }),
                target: 'notApplicable',
                actions: [
                  ref('endItem', { item, status: 'not-applicable', reason: 'condition-false' }),
                ],
              },
            ]),
        { target: 'waiting' },
      ],
    },
    waiting: {
      entry: [setItemStatus(item, 'waiting')],
      always: [
        ...undecidedEnds,
        dependsOn.length > 0
          ? { guard: ref('dependenciesMet', dependency), target: 'ready' }
          : { target: 'ready' },
      ],
    },
    ready: {
      always: [
        ...(commitment ? [{ guard: ref('pledged', { item }), target: 'committed' }] : []),
        ...instantFromReady,
        { target: 'active' },
      ],
    },
  };

  if (instant) {
    // Waiting only for the identity check's answer; the same ends as any undecided item.
    states.instantReview = {
      entry: [setItemStatus(item, 'instant-review')],
      always: [
        ...undecidedEnds,
        { guard: ref('instantApproves', instant), target: approvedTarget },
        { guard: ref('instantHandsOver', instant), target: 'active' },
      ],
    };
  }

  if (commitment) {
    states.committed = {
      entry: [
        ref('grantOnPledge', { item, outputs }),
        ...(outputs.length > 0
          ? [
              effect({
                kind: 'issue-licence',
                item,
                department,
                licenceTypes: outputs,
                onPledge: true,
              }),
            ]
          : []),
        effect({ kind: 'task', task: 'post-check', department, item }),
        effect({
          kind: 'timer',
          timer: 'post-check-due',
          workingDays: commitment.postCheckDays,
          item,
        }),
        effect({ kind: 'supervision', topic: 'item-decided', item }),
      ],
      on: {
        LICENCE_ISSUED: {
          guard: itemEvent(item),
          actions: [ref('recordLicences', { item, outputs })],
        },
        POST_CHECK_PASSED: { guard: itemEvent(item), target: 'confirmed' },
        POST_CHECK_FAILED: {
          guard: itemEvent(item),
          target: 'revoked',
          actions: [
            ref('revokeItem', { item }),
            effect({ kind: 'revoke-approval', item, department }),
            ...(outputs.length > 0
              ? [effect({ kind: 'revoke-licence', item, department, licenceTypes: outputs })]
              : []),
            effect({ kind: 'notify', template: 'post-check-failed', item }),
            effect({ kind: 'supervision', topic: 'breach', item }),
          ],
        },
      },
    };
    states.confirmed = { type: 'final', entry: [setItemStatus(item, 'confirmed')] };
    states.revoked = { type: 'final' };
  }

  states.active = active;
  if (outputs.length > 0) {
    states.issuing = {
      entry: [
        setItemStatus(item, 'issuing'),
        effect({ kind: 'issue-licence', item, department, licenceTypes: outputs, onPledge: false }),
      ],
      on: {
        LICENCE_ISSUED: {
          guard: itemEvent(item),
          target: 'approved',
          actions: [ref('recordLicences', { item, outputs })],
        },
      },
    };
  }
  states.approved = {
    type: 'final',
    entry: [
      setItemStatus(item, 'approved'),
      effect({ kind: 'supervision', topic: 'item-decided', item }),
    ],
  };
  states.denied = {
    type: 'final',
    entry: [
      effect({ kind: 'notify', template: 'item-denied', item }),
      effect({ kind: 'supervision', topic: 'item-decided', item }),
    ],
  };
  states.notApplicable = { type: 'final' };
  states.notCompleted = { type: 'final' };
  states.cancelled = { type: 'final' };

  return { id, initial: 'idle', meta: { item }, states };
}
