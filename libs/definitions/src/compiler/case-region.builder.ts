/**
 * The `case` region: intake (受理), correction (补正), processing with its supplement
 * deadline (容缺), delivery (送达) and rating (好差评). Items run in their own region
 * beside it, so that a post-check can still arrive after the case is delivered.
 */
import type { ResolvedBundle } from '../definition.types.js';
import { WINDOW_DEPARTMENT } from '../machine/case-machine.types.js';
import type { MergedMaterial } from '../compiled.types.js';
import type { StateJson } from './machine-json.types.js';
import { effect, ref } from './machine-refs.util.js';

const intakeClock = (action: 'start' | 'pause' | 'resume' | 'stop') =>
  effect({ kind: 'clock', clock: 'intake', action });

export function buildCaseRegion(resolved: ResolvedBundle, materials: MergedMaterial[]): StateJson {
  const { bundle } = resolved;
  const tolerable = materials.filter((entry) => entry.tolerable).map((entry) => entry.material);
  const caseClockStart = effect({
    kind: 'clock',
    clock: 'case',
    action: 'start',
    limitDays: bundle.promisedLimitDays,
  });
  const expiredNotice =
    bundle.supplement.onExpiry === 'suspend-case'
      ? 'supplement-expired-suspended'
      : 'supplement-expired-items-ended';
  const withdraw = { target: 'withdrawn', actions: [ref('withdraw'), intakeClock('stop')] };

  return {
    initial: 'submitted',
    states: {
      // Transient: runs once per case, so the intake clock starts once and not on resubmission.
      submitted: { always: { target: 'intake', actions: [intakeClock('start')] } },
      intake: {
        entry: [effect({ kind: 'task', task: 'intake', department: WINDOW_DEPARTMENT })],
        on: {
          ACCEPT: {
            target: 'processing',
            actions: [
              ref('accept'),
              intakeClock('stop'),
              caseClockStart,
              effect({ kind: 'notify', template: 'accepted' }),
              effect({ kind: 'supervision', topic: 'accepted' }),
            ],
          },
          ACCEPT_WITH_DEFICIENCIES: {
            guard: ref('deficienciesTolerable', { tolerable }),
            target: 'processing',
            actions: [
              ref('acceptWithDeficiencies'),
              intakeClock('stop'),
              caseClockStart,
              effect({
                kind: 'timer',
                timer: 'supplement-deadline',
                workingDays: bundle.supplement.deadlineDays,
                sends: 'SUPPLEMENT_DEADLINE_PASSED',
              }),
              effect({ kind: 'notify', template: 'accepted-with-deficiencies' }),
              effect({ kind: 'supervision', topic: 'accepted' }),
            ],
          },
          REQUEST_CORRECTION: {
            guard: ref('hasProblems'),
            target: 'correction',
            actions: [
              ref('requestCorrection'),
              effect({ kind: 'notify', template: 'correction-requested' }),
            ],
          },
          REJECT: {
            target: 'rejected',
            actions: [
              ref('reject'),
              intakeClock('stop'),
              effect({ kind: 'notify', template: 'rejected' }),
              effect({ kind: 'supervision', topic: 'rejected' }),
            ],
          },
          WITHDRAW: withdraw,
        },
      },
      correction: {
        entry: [intakeClock('pause')],
        on: {
          RESUBMIT: { target: 'intake', actions: [ref('resubmit'), intakeClock('resume')] },
          WITHDRAW: withdraw,
        },
      },
      processing: {
        type: 'parallel',
        always: { guard: ref('allItemsTerminal'), target: 'delivery' },
        states: {
          work: {
            initial: 'running',
            states: {
              running: { always: { guard: ref('caseSuspended'), target: 'suspended' } },
              suspended: {
                // `frozen`: allowedEvents drops item events while a state with this tag is active.
                tags: ['frozen'],
                entry: [effect({ kind: 'clock', clock: 'case', action: 'pause' })],
                always: {
                  guard: ref('caseNotSuspended'),
                  target: 'running',
                  actions: [
                    effect({ kind: 'clock', clock: 'case', action: 'resume' }),
                    effect({ kind: 'notify', template: 'case-resumed' }),
                  ],
                },
              },
            },
          },
          supplement: {
            initial: 'checking',
            states: {
              checking: {
                always: [
                  { guard: ref('nothingMissing'), target: 'complete' },
                  { target: 'pending' },
                ],
              },
              pending: {
                always: { guard: ref('nothingMissing'), target: 'complete' },
                on: {
                  MATERIAL_SUPPLIED: {
                    guard: ref('materialMissing'),
                    actions: [ref('supplyMaterial')],
                  },
                  SUPPLEMENT_DEADLINE_PASSED: {
                    target: 'expired',
                    actions: [
                      ref('expireSupplement', { rule: bundle.supplement.onExpiry }),
                      effect({ kind: 'notify', template: expiredNotice }),
                    ],
                  },
                },
              },
              expired: {
                always: { guard: ref('nothingMissing'), target: 'complete' },
                on: {
                  MATERIAL_SUPPLIED: {
                    guard: ref('materialMissing'),
                    actions: [ref('supplyMaterial')],
                  },
                  SUPPLEMENT_DEADLINE_PASSED: {
                    actions: [ref('noop')],
                    description: 'already applied',
                  },
                },
              },
              complete: {
                // The deadline timer is not cancelled: when nothing is missing its event is accepted and
                // changes nothing (`noop` keeps it accepted, so the timer job gets no 409).
                on: {
                  SUPPLEMENT_DEADLINE_PASSED: {
                    actions: [ref('noop')],
                    description: 'nothing missing',
                  },
                },
              },
            },
          },
        },
      },
      delivery: {
        initial: 'routing',
        entry: [
          effect({ kind: 'clock', clock: 'case', action: 'stop' }),
          effect({ kind: 'notify', template: 'results-ready' }),
        ],
        states: {
          routing: {
            always: [
              { guard: ref('allItemsCompleted'), target: 'completed' },
              { target: 'partlyCompleted' },
            ],
          },
          completed: {},
          partlyCompleted: {},
        },
        on: {
          DELIVER: {
            guard: ref('deliveryMethodAllowed', { methods: [...bundle.delivery] }),
            target: 'delivered',
            actions: [
              ref('recordDelivery'),
              effect({ kind: 'notify', template: 'delivered' }),
              effect({ kind: 'supervision', topic: 'delivered' }),
            ],
          },
        },
      },
      delivered: {
        on: {
          RATE: [
            {
              // 差评 must be followed up and rectified.
              guard: ref('poorRating'),
              target: 'closed',
              actions: [
                ref('recordRating'),
                effect({ kind: 'task', task: 'rating-follow-up', department: WINDOW_DEPARTMENT }),
                effect({ kind: 'supervision', topic: 'rated' }),
              ],
            },
            {
              guard: ref('validRating'),
              target: 'closed',
              actions: [ref('recordRating'), effect({ kind: 'supervision', topic: 'rated' })],
            },
          ],
        },
      },
      closed: { type: 'final' },
      rejected: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  };
}
