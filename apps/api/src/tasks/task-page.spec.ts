import type { CompiledBundle } from '@onevisit/definitions';
import type { CaseView } from '@onevisit/engine';
import type { CaseClockEntity, CaseEventEntity, TaskEntity } from '@onevisit/persistence';
import { taskPageOf, type TaskPageInput } from './task-page.js';

const label = (en: string) => ({ zh: en, en });
const NOW = new Date('2026-12-10T02:00:00Z');
/** Every day a working day: days between two instants are whole UTC days. */
const calendar = {
  workingDaysBetween: (from: string | Date, to: string | Date) =>
    Math.floor((new Date(to).getTime() - new Date(from).getTime()) / 86_400_000),
  addWorkingDays: (from: string | Date, days: number) =>
    new Date(new Date(from).getTime() + days * 86_400_000).toISOString().slice(0, 10),
};

const compiled = {
  form: [
    { key: 'shopName', label: label('Shop'), type: 'string', required: true, usedBy: ['bundle'] },
    { key: 'floorArea', label: label('Area'), type: 'number', required: true, usedBy: ['food'] },
    { key: 'signText', label: label('Sign'), type: 'string', required: true, usedBy: ['sign'] },
  ],
  materials: [
    {
      material: 'lease',
      name: label('Lease'),
      acceptedForms: ['copy'],
      usedBy: [{ item: 'food', required: true, tolerable: true }],
      required: true,
      tolerable: true,
    },
    {
      material: 'sign-photo',
      name: label('Photo'),
      acceptedForms: ['electronic'],
      usedBy: [{ item: 'sign', required: true, tolerable: false }],
      required: true,
      tolerable: false,
    },
  ],
  notification: {
    bundle: { code: 'restaurant', name: label('Restaurant') },
    items: [
      {
        item: 'food',
        name: label('Food licence'),
        department: 'market',
        departmentName: label('Market'),
        promisedLimitDays: 10,
        conditional: false,
        commitmentAllowed: true,
        specialProcedures: [{ name: label('Site inspection'), maxDays: 5 }],
      },
    ],
  },
} as unknown as CompiledBundle;

const clock = (overrides: Partial<CaseClockEntity>): CaseClockEntity => ({
  caseId: 'c1',
  key: 'case',
  kind: 'case',
  item: null,
  department: 'market',
  limitDays: 20,
  usedDays: 0,
  runningSince: new Date('2026-12-07T02:00:00Z'),
  pausedBy: [],
  status: 'running',
  dueDate: '2026-12-27',
  flag: null,
  generation: 1,
  startedAt: new Date('2026-12-07T02:00:00Z'),
  stoppedAt: null,
  ...overrides,
});

const event = (seq: number, type: string, payload: Record<string, unknown>): CaseEventEntity => ({
  id: `e${seq}`,
  caseId: 'c1',
  seq,
  type,
  payload,
  actor: { kind: 'user', sub: 'someone' },
  fromState: null,
  toState: '"x"',
  createdAt: NOW,
});

function input(task: Partial<TaskEntity>): TaskPageInput {
  return {
    task: {
      id: 't1',
      caseId: 'c1',
      item: 'food',
      department: 'market',
      kind: 'procedure',
      status: 'claimed',
      claimedBy: 'mr-1',
      dueDate: null,
      createdAt: NOW,
      completedAt: null,
      madeAtVersion: 4,
      dueFlag: null,
      ...task,
    },
    callerSub: 'mr-1',
    view: {
      id: 'c1',
      bundle: { code: 'restaurant', version: 1 },
      status: 'processing',
      version: 5,
      applicant: { sub: 'zhang-san', name: '张三' },
      window: 'w1',
      items: [
        {
          item: 'food',
          department: 'market',
          status: 'procedure',
          dueDate: null,
          clock: 'paused',
          daysUsed: 2,
          dueFlag: null,
          reason: null,
        },
      ],
      missing: ['lease'],
      licences: [
        {
          type: 'business-licence',
          item: 'registration',
          number: 'BL-1',
          onPledge: false,
          revoked: false,
        },
      ],
      materials: [
        {
          material: 'business-licence-copy',
          source: 'held-licence',
          licenceNumber: 'BL-0',
          at: NOW,
        },
      ],
      createdAt: NOW,
    } as unknown as CaseView,
    compiled,
    answers: { caseId: 'c1', answers: { shopName: 'x', floorArea: 80 }, masked: [] },
    clocks: [
      clock({}),
      clock({
        key: 'item:food',
        kind: 'item',
        item: 'food',
        limitDays: 10,
        usedDays: 2,
        runningSince: null,
        pausedBy: ['procedure'],
        status: 'paused',
        dueDate: null,
      }),
      clock({
        key: 'procedure:food:0',
        kind: 'procedure',
        item: 'food',
        limitDays: 5,
        runningSince: new Date('2026-12-08T02:00:00Z'),
      }),
    ],
    events: [
      event(1, 'START', { answers: { applicantIdNumber: 'secret' } }),
      event(2, 'ACCEPT', {}),
      event(3, 'REVIEW_DONE', { item: 'sign' }),
      event(4, 'REVIEW_DONE', { item: 'food' }),
    ],
    tasks: [],
    pledged: ['food'],
    now: NOW,
    calendar,
  };
}

describe('taskPageOf', () => {
  it('counts the clocks to now: a running procedure, the item paused by it', () => {
    const page = taskPageOf(input({}));
    expect(page.procedure).toEqual({ index: 0, name: label('Site inspection'), maxDays: 5 });
    expect(page.clocks.procedure).toMatchObject({ daysUsed: 2, daysLeft: 3, status: 'running' });
    expect(page.clocks.item).toMatchObject({
      daysUsed: 2,
      daysLeft: 8,
      status: 'paused',
      pausedBy: ['procedure'],
    });
    expect(page.clocks.case).toMatchObject({ daysUsed: 3, daysLeft: 17 });
    expect(page.item).toMatchObject({ code: 'food', pledged: true, status: 'procedure' });
  });

  it("keeps to the item: its fields, its materials, its own and the case's steps, never answers", () => {
    const page = taskPageOf(input({}));
    expect(page.form.map((field) => field.key)).toEqual(['shopName', 'floorArea']);
    expect(page.materials).toEqual([
      expect.objectContaining({ material: 'lease', missing: true, tolerable: true, records: [] }),
    ]);
    expect(page.history.map((step) => [step.type, step.item])).toEqual([
      ['START', null],
      ['ACCEPT', null],
      ['REVIEW_DONE', 'food'],
    ]);
    expect(JSON.stringify(page.history)).not.toContain('secret');
    expect(page.licences.held).toEqual([
      { material: 'business-licence-copy', licenceNumber: 'BL-0' },
    ]);
    expect(page.licences.produced).toEqual([
      expect.objectContaining({ number: 'BL-1', ofThisItem: false }),
    ]);
  });

  it('offers the outcomes of the kind only while the task is open, and action only to its holder', () => {
    expect(taskPageOf(input({})).actionable).toBe(true);
    expect(taskPageOf(input({ claimedBy: 'someone-else' })).actionable).toBe(false);
    expect(taskPageOf(input({ kind: 'decision' })).outcomes.map((o) => o.outcome)).toEqual([
      'approve',
      'deny',
    ]);
    expect(taskPageOf(input({ status: 'done' }))).toMatchObject({
      outcomes: [],
      actionable: false,
    });
    expect(taskPageOf(input({ kind: 'decision' })).procedure).toBeNull();
  });
});
